import type { Database } from 'better-sqlite3';

/**
 * The 社員情報管理 grid at 200,000 employees (issue "The LAN never waits, memory stays flat …"):
 * every page, sort, filter and count served by an index or a maintained count, never a scan.
 *
 * - `verification_order`, `open_until`: 認証状態 is a function of the stored facts and the time
 *   (main/services/domain/status.ts). Everything but the time is in `verification_order` (the
 *   grid's sort order: 0 未発行/未, 1 an open link, 3 認証済, 4 済, 5 -); an open link's expiry
 *   instant is `open_until`, so 認証待ち is `open_until > now` and 有効期限切れ `open_until <= now`:
 *   index comparisons with the current time. Within 認証待ち and 有効期限切れ the sort goes by the
 *   expiry, the latest first, which puts 認証待ち before 有効期限切れ without knowing the time.
 * - `employee_status_counts`: how many employees are in each (パスワード, verification_order, パスコード),
 *   kept by triggers in the same transaction as every change: the buttons' and the panel's counts
 *   and a filtered page's total are sums of at most 48 rows.
 * - `employee_search`: an FTS5 index (trigram tokenizer) over `search_text`, the five texts the
 *   free-text filter looks in, separated by U+001F (which no query can contain) and lower-cased the
 *   way LIKE folds case (ASCII only): a query of three characters or more is a phrase query, exactly
 *   the rows LIKE '%…%' finds. The index keeps no copy of the text (content = employees).
 * - `employee_search_grams`: the trigram index cannot answer one or two characters (佐藤, 林), the
 *   commonest Japanese queries, and a scan of 200,000 rows takes hundreds of milliseconds. So every
 *   character and every pair of neighbouring characters of `search_text` is also a token, written
 *   in hex (UTF-8 is prefix-free, so a token is one character or one pair and nothing else): a one-
 *   or two-character query is one token, exactly the rows LIKE '%…%' finds. detail=none and no
 *   content: a few MB at 200,000 employees. The triggers cut the text with `search_positions` (the
 *   numbers 1…1000; a table, since a trigger can use neither a recursive CTE nor generate_series).
 */
export const SEARCH_TEXT_SQL = `lower(code || char(31) || login_id || char(31) || department || char(31)
  || last_name || ' ' || first_name || char(31) || last_name || first_name)`;

/** The longest search_text the schemas allow is 259 characters (code 20, ログインID 64, 所属 50, names 30 + 30 twice). */
const MAX_SEARCH_TEXT = 1000;

/** Each character of `text` and each pair of neighbours, in hex, as the tokens of employee_search_grams. */
const gramsOf = (text: string) => `(SELECT group_concat(hex(substr(${text}, i, 1)) || ' ' || hex(substr(${text}, i, 2)), ' ')
  FROM search_positions WHERE i <= length(${text}))`;

/** Tables kept by triggers from the employees: a restore copies the employees, not these. */
export const DERIVED_TABLES = ['employee_status_counts'] as const;

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE employees ADD COLUMN verification_order INTEGER GENERATED ALWAYS AS (CASE
      WHEN password_status = 'unissued' THEN 0
      WHEN password_status = 'issued' THEN CASE WHEN issued_via = 'pdf' THEN 5 ELSE 4 END
      WHEN verified_at IS NOT NULL THEN 3
      ELSE 1 END) VIRTUAL;
    ALTER TABLE employees ADD COLUMN open_until INTEGER GENERATED ALWAYS AS (CASE
      WHEN password_status IN ('issuing', 'reissuing') AND verified_at IS NULL THEN coalesce(link_valid_until, 0) END) VIRTUAL;
    ALTER TABLE employees ADD COLUMN search_text TEXT GENERATED ALWAYS AS (${SEARCH_TEXT_SQL}) VIRTUAL;

    -- the verification sort in both directions, the status filters, 認証待ち/有効期限切れ by time
    CREATE INDEX employees_verification ON employees(verification_order, open_until DESC, id);

    CREATE TABLE employee_status_counts (
      password_status TEXT NOT NULL,
      verification_order INTEGER NOT NULL,
      passcode_status TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (password_status, verification_order, passcode_status)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO employee_status_counts
      SELECT password_status, verification_order, passcode_status, count(*) FROM employees GROUP BY 1, 2, 3;

    CREATE TRIGGER employees_counted AFTER INSERT ON employees BEGIN
      INSERT INTO employee_status_counts VALUES (NEW.password_status, NEW.verification_order, NEW.passcode_status, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER employees_uncounted AFTER DELETE ON employees BEGIN
      UPDATE employee_status_counts SET n = n - 1 WHERE password_status = OLD.password_status
        AND verification_order = OLD.verification_order AND passcode_status = OLD.passcode_status;
    END;
    CREATE TRIGGER employees_recounted AFTER UPDATE OF password_status, issued_via, verified_at, passcode_status ON employees
      WHEN OLD.password_status IS NOT NEW.password_status OR OLD.verification_order IS NOT NEW.verification_order
        OR OLD.passcode_status IS NOT NEW.passcode_status
    BEGIN
      UPDATE employee_status_counts SET n = n - 1 WHERE password_status = OLD.password_status
        AND verification_order = OLD.verification_order AND passcode_status = OLD.passcode_status;
      INSERT INTO employee_status_counts VALUES (NEW.password_status, NEW.verification_order, NEW.passcode_status, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    END;

    CREATE VIRTUAL TABLE employee_search USING fts5(
      search_text, content = 'employees', content_rowid = 'id', tokenize = 'trigram case_sensitive 1'
    );
    INSERT INTO employee_search (employee_search) VALUES ('rebuild');
    CREATE TRIGGER employees_indexed AFTER INSERT ON employees BEGIN
      INSERT INTO employee_search (rowid, search_text) VALUES (NEW.id, NEW.search_text);
    END;
    CREATE TRIGGER employees_unindexed AFTER DELETE ON employees BEGIN
      INSERT INTO employee_search (employee_search, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
    END;
    CREATE TRIGGER employees_reindexed AFTER UPDATE OF code, login_id, department, last_name, first_name ON employees
      WHEN OLD.search_text IS NOT NEW.search_text
    BEGIN
      INSERT INTO employee_search (employee_search, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
      INSERT INTO employee_search (rowid, search_text) VALUES (NEW.id, NEW.search_text);
    END;

    CREATE TABLE search_positions (i INTEGER PRIMARY KEY) STRICT;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MAX_SEARCH_TEXT}) INSERT INTO search_positions SELECT i FROM n;
    CREATE VIRTUAL TABLE employee_search_grams USING fts5(
      grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
    );
    INSERT INTO employee_search_grams (rowid, grams) SELECT id, ${gramsOf('search_text')} FROM employees;
    CREATE TRIGGER employees_grams_indexed AFTER INSERT ON employees BEGIN
      INSERT INTO employee_search_grams (rowid, grams) VALUES (NEW.id, ${gramsOf('NEW.search_text')});
    END;
    CREATE TRIGGER employees_grams_unindexed AFTER DELETE ON employees BEGIN
      DELETE FROM employee_search_grams WHERE rowid = OLD.id;
    END;
    CREATE TRIGGER employees_grams_reindexed AFTER UPDATE OF code, login_id, department, last_name, first_name ON employees
      WHEN OLD.search_text IS NOT NEW.search_text
    BEGIN
      DELETE FROM employee_search_grams WHERE rowid = OLD.id;
      INSERT INTO employee_search_grams (rowid, grams) VALUES (NEW.id, ${gramsOf('NEW.search_text')});
    END;
  `);
}
