import type { Database } from 'better-sqlite3';

/** Indexes for the grid's sorts at tens of thousands of employees (issue: speed at scale). */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX employees_name ON employees(last_name, first_name, id);
    CREATE INDEX employees_department ON employees(department, id);
    CREATE INDEX employees_last_login ON employees(last_login_at, id);
    CREATE INDEX employees_recorder ON employees(recorder_enabled, id);
    -- the same expression as SORT_SQL.password in db/queries/employee-grid.ts, so ORDER BY can use it
    CREATE INDEX employees_password_order ON employees((CASE password_status WHEN 'unissued' THEN 0 WHEN 'issuing' THEN 1 WHEN 'reissuing' THEN 2 ELSE 3 END), id);
  `);
}
