/**
 * The grid's free text goes through two search indexes kept by triggers (migration 012): the
 * trigram index for three characters or more, the index of characters and pairs for one or two.
 * Both must find exactly the rows LIKE '%…%' over the five texts finds — after registrations,
 * edits and deletions — and the maintained counts must stay those of a GROUP BY.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GRID_PLAN, selectGridAll, selectGridPage } from '../../db/queries/employee-grid';
import { insertEmployee } from '../../db/queries/employees';
import { gridQuerySchema } from '../../preload/schemas';
import type { AccountFacts } from '../../preload/domain-types';
import { makeTestApp } from '../support/test-app';

let t: ReturnType<typeof makeTestApp>;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(async () => {
  await t.dispose();
});

/** Characters names, codes, IDs and 所属 are made of here: kanji, kana, ASCII in both cases, and LIKE's wildcards. */
const CHARS = [...'佐藤鈴木高橋髙﨑田中伊藤花子太郎本社大阪支店営業部あいうアイウｱｲｳABCabcXYZxyz0123456789-_%.@ '];
const word = (min: number, max: number) => fc.array(fc.constantFrom(...CHARS), { minLength: min, maxLength: max }).map((cs) => cs.join('').trim());

const employee = fc.record({
  lastName: word(1, 6).filter((s) => s !== ''), firstName: word(0, 5), department: word(0, 6),
  code: fc.array(fc.constantFrom(...'0123456789ABCabc-'), { maxLength: 8 }).map((cs) => cs.join('')),
});

/** The plain way: LIKE over the five texts, as the grid did before the indexes (ASCII case folded, % and _ literal). */
function likeIds(text: string): number[] {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return (t.app.db.prepare(`SELECT id FROM employees e WHERE e.code LIKE :like ESCAPE '\\' OR e.login_id LIKE :like ESCAPE '\\'
    OR e.department LIKE :like ESCAPE '\\' OR (e.last_name || ' ' || e.first_name) LIKE :like ESCAPE '\\'
    OR (e.last_name || e.first_name) LIKE :like ESCAPE '\\' ORDER BY id`).pluck().all({ like }) as number[]);
}

function gridIds(text: string): number[] {
  const q = gridQuerySchema.parse({ text });
  if (q.text === '') return likeIds('');
  return selectGridAll(t.app.db, q, t.clock.now()).map((r) => r.id).sort((a, b) => a - b);
}

/** Substrings of the stored texts (1 to 5 characters), their case flipped, and some that occur nowhere. */
function queriesFor(ids: number[]): string[] {
  const texts = t.app.db.prepare(`SELECT code, login_id, department, last_name || ' ' || first_name, last_name || first_name
    FROM employees WHERE id IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify(ids)).flat() as string[];
  const out = new Set<string>(['%', '_', '\\', 'ｱ', 'a', 'A', 'zz', 'ZZZ', '藤 ', '高橋髙']);
  texts.forEach((s, i) => {
    const cs = [...s];
    for (let len = 1; len <= 5 && len <= cs.length; len++) {
      const start = (i * 7 + len) % (cs.length - len + 1);
      const sub = cs.slice(start, start + len).join('').trim();
      if (sub === '') continue;
      out.add(sub);
      out.add(sub.replace(/[a-z]/g, (c) => c.toUpperCase()).replace(/[A-Z]/g, (c, j: number) => (j % 2 ? c.toLowerCase() : c)));
    }
  });
  return [...out];
}

describe('free-text search through the indexes', () => {
  it('finds exactly what LIKE finds, for one, two and more characters, after registrations, edits and deletions', () => {
    const people = fc.sample(employee, { numRuns: 300, seed: 19 });
    const ids = t.app.db.transaction(() => people.map((p, i) => insertEmployee(t.app.db, {
      loginId: `${i % 2 ? 'Yamada' : 'taro'}.${i}@X`, code: p.code === '' ? '' : `${p.code}${i}`, honorific: '',
      lastName: p.lastName, firstName: p.firstName, department: p.department,
      email1: null, email2: null, email3: null, recorderEnabled: true,
    }, t.clock.now())))();

    const check = () => {
      const queries = queriesFor(ids);
      expect(queries.length).toBeGreaterThan(300);
      for (const q of queries) {
        const text = gridQuerySchema.parse({ text: q }).text; // as the screen sends it: trimmed
        expect(gridIds(text), `「${text}」`).toEqual(likeIds(text));
      }
    };
    check();

    // edits (the triggers replace the old texts' entries) and deletions (they drop them)
    t.app.db.transaction(() => {
      const edit = t.app.db.prepare('UPDATE employees SET last_name = ?, department = ?, login_id = ? WHERE id = ?');
      people.slice(0, 100).forEach((p, i) => edit.run(`${p.firstName}${p.lastName}`.trim() || '改名', p.lastName, `edited${i}`, ids[i]));
      t.app.db.prepare('DELETE FROM employees WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids.slice(100, 150)));
    })();
    check();
  });

  it('pages the matches in the sort asked for, whichever way the page is found', () => {
    t.app.db.transaction(() => {
      for (let i = 0; i < 3000; i++) {
        insertEmployee(t.app.db, {
          loginId: `u${i}`, code: String(100000 + i), honorific: '', lastName: i % 1000 === 7 ? '珍名' : ['佐藤', '鈴木', '高橋'][i % 3]!,
          firstName: String(i), department: '本社', email1: null, email2: null, email3: null, recorderEnabled: true,
        }, t.clock.now());
      }
    })();
    const plans: (typeof GRID_PLAN)[] = [
      { ...GRID_PLAN }, // as shipped: these few thousand rows are led by the index, 本社 is walked
      { fewRows: 0, rowsToTestInPlace: Infinity }, // every page walks the sort's index, testing each row's text
      { fewRows: 0, rowsToTestInPlace: 0 }, // every page walks it, testing against the search index's rows
      { fewRows: Infinity, rowsToTestInPlace: 0 }, // every page leads with the search index
    ];
    const shipped = { ...GRID_PLAN };
    try {
      for (const plan of plans) {
        Object.assign(GRID_PLAN, plan);
        for (const [text, total] of [['佐藤', 999], ['珍名', 3], ['佐藤 1', 369], ['u29', 111], ['本社', 3000], ['藤', 999]] as const) {
          expect(likeIds(text)).toHaveLength(total);
          for (const direction of ['asc', 'desc'] as const) {
            for (const page of [1, 3, 99]) expectPage(text, direction, page, JSON.stringify(plan));
          }
        }
      }
    } finally {
      Object.assign(GRID_PLAN, shipped);
    }
  });
});

/** The page as the grid shows it, against the LIKE matches sorted by 氏名 in JavaScript. */
function expectPage(text: string, direction: 'asc' | 'desc', page: number, plan: string): void {
  const got = selectGridPage(t.app.db, gridQuerySchema.parse({ text, sort: 'name', direction, page, pageSize: 50 }), t.clock.now());
  const all = likeIds(text).map((id) => t.app.employees.get(id))
    .sort((a, b) => (cmp(a.lastName, b.lastName) || cmp(a.firstName, b.firstName) || a.id - b.id) * (direction === 'asc' ? 1 : -1));
  expect(got.total, text).toBe(all.length);
  const shown = Math.min(page, Math.max(1, Math.ceil(all.length / 50)));
  expect(got.rows.map((r) => r.id), `${text} ${direction} page ${page} ${plan}`).toEqual(all.slice((shown - 1) * 50, shown * 50).map((e) => e.id));
}

/** SQLite's BINARY order (UTF-8 bytes), which for these characters is the code units' order. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('the maintained counts', () => {
  it('stay those of a GROUP BY through registrations, transitions and deletions', () => {
    const now = t.clock.now();
    const states: AccountFacts[] = [
      { password: 'unissued', issuedVia: null, verifiedAt: null, linkSentAt: null, linkValidUntil: null },
      { password: 'issuing', issuedVia: null, verifiedAt: null, linkSentAt: now, linkValidUntil: now + 1000 },
      { password: 'reissuing', issuedVia: 'mail', verifiedAt: now, linkSentAt: null, linkValidUntil: null },
      { password: 'issued', issuedVia: 'pdf', verifiedAt: null, linkSentAt: null, linkValidUntil: null },
      { password: 'issued', issuedVia: 'mail', verifiedAt: null, linkSentAt: null, linkValidUntil: null },
    ];
    const ids = t.app.db.transaction(() => Array.from({ length: 200 }, (_, i) => insertEmployee(t.app.db, {
      loginId: `c${i}`, code: '', honorific: '', lastName: '数', firstName: '', department: '', email1: null, email2: null, email3: null,
      recorderEnabled: true, facts: states[i % states.length], passcodeHash: i % 3 ? 'x' : null,
    }, now)))();
    const counted = () => t.app.db.prepare('SELECT password_status, verification_order, passcode_status, n FROM employee_status_counts WHERE n > 0 ORDER BY 1, 2, 3').all();
    const grouped = () => t.app.db.prepare(`SELECT password_status, verification_order, passcode_status, count(*) AS n FROM employees
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`).all();
    expect(counted()).toEqual(grouped());
    const db = t.app.db;
    db.transaction(() => {
      db.prepare(`UPDATE employees SET password_status = 'issued', issued_via = 'pdf', link_valid_until = NULL, link_sent_at = NULL
        WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(ids.filter((_, i) => i % 5 === 1)));
      db.prepare(`UPDATE employees SET verified_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND password_status = 'issuing'`)
        .run(now, JSON.stringify(ids.slice(0, 50)));
      db.prepare(`UPDATE employees SET passcode_status = 'issued', passcode_hash = 'y' WHERE passcode_status = 'unissued' AND id % 2 = 0`).run();
      db.prepare('UPDATE employees SET first_name = ? WHERE id % 7 = 0').run('名前だけ'); // not a counted column
      db.prepare('DELETE FROM employees WHERE id % 11 = 0').run();
    })();
    expect(counted()).toEqual(grouped());
  });
});

describe('a restore', () => {
  it('leaves the search indexes and the counts those of the restored employees', async () => {
    await t.app.auth.setup({ companyName: '試験株式会社', adminLastName: '管理者', loginId: 'admin', password: 'long enough 1' });
    const add = (loginId: string, lastName: string, facts?: AccountFacts) => insertEmployee(t.app.db, {
      loginId, code: '', honorific: '', lastName, firstName: '', department: '', email1: null, email2: null, email3: null,
      recorderEnabled: true, facts,
    }, t.clock.now());
    add('sato', '佐藤');
    const gone = add('suzuki', '鈴木');
    const backup = await t.app.backup.backupNow();
    t.app.db.prepare('DELETE FROM employees WHERE id = ?').run(gone);
    add('takahashi', '高橋', { password: 'issued', issuedVia: 'pdf', verifiedAt: null, linkSentAt: null, linkValidUntil: null });

    await t.app.backup.restore(backup.fileName);
    expect(gridIds('鈴木')).toEqual(likeIds('鈴木'));
    expect(gridIds('鈴木')).toHaveLength(1);
    expect(gridIds('高橋')).toEqual([]);
    expect(gridIds('佐藤')).toHaveLength(1);
    expect(t.app.employees.list(gridQuerySchema.parse({})).verificationCounts).toMatchObject({ none: 2, done: 1, na: 0 }); // the two, the 法人管理者; not 高橋
    expect(() => t.app.db.prepare(`INSERT INTO employee_search (employee_search, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
  });
});
