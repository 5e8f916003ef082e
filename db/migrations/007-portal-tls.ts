import type { Database } from 'better-sqlite3';

/** HTTPS for the LAN pages: which kind of certificate the administrator provided (files in DATA_DIR/tls). */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE settings ADD COLUMN portal_tls TEXT NOT NULL DEFAULT 'none' CHECK (portal_tls IN ('none', 'pem', 'pfx'));
    ALTER TABLE settings ADD COLUMN portal_tls_passphrase_sealed TEXT NOT NULL DEFAULT '';
  `);
}
