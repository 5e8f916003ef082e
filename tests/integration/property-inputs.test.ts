/**
 * Random and malformed inputs at every entry point: no 500, no INTERNAL error, no unhandled
 * rejection, and a refused input leaves the database exactly as it was.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeAccountSettings } from '../../db/queries/settings';
import type { CallContext } from '../../main/api/dispatcher';
import { composeApp, type App } from '../../main/composition';
import type { RunningServer } from '../../main/portal/server';
import { silentLogger } from '../../main/services/support/logger';
import { hashSecret } from '../../main/services/support/secret-hasher';
import { METHOD_NAMES, methods } from '../../preload/contract';
import { contractInputs } from '../support/contract-inputs';
import { FakeClock } from '../support/fake-clock';
import { issueByPdf } from '../support/issue-by-pdf';
import { materialize, type RunState } from '../support/near-miss';
import { portalRequests, type LanRequest, type LanState } from '../support/portal-inputs';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { employeeInput, makeTestApp, registerEmployee } from '../support/test-app';

let t: ReturnType<typeof makeTestApp>;
let portal: RunningServer;
const ctx: CallContext = { sessionId: null, setSession(id) { this.sessionId = id; } };
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  t = makeTestApp();
  await t.app.dispatcher.dispatch('auth.setup', { companyName: '試験', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' }, ctx);
  const { acceptDuplicateWarnings: _, ...f } = employeeInput({ loginId: 'tanaka', code: '0011', email1: 't@example.co.jp' });
  t.app.employees.create(f, true);
  // budgets far above the runs here, so that every route is reached rather than answered 429 (portal-limits.test.ts tests them)
  const plenty = [{ max: 100_000, windowMs: 60_000 }];
  portal = await t.app.startPortal({
    host: '127.0.0.1', port: 0,
    limits: { passwordFailures: plenty, kioskFailures: plenty, verifyFailures: plenty, kioskRequests: plenty[0]! },
  });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await t.dispose();
});

/**
 * The tables whose rows are the app's data: not the 操作ログ (it records refused actions by design),
 * nor what SQLite keeps from them (the grid's counts and search indexes, derived by triggers).
 */
const storedTables = (db: Database): string[] => db.prepare(`SELECT name FROM pragma_table_list
  WHERE schema = 'main' AND type = 'table' AND wr = 0 AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log' ORDER BY name`).pluck().all() as string[];

/** Every stored table, as one digest. */
function digest(): string {
  const h = createHash('sha256');
  for (const name of storedTables(t.app.db)) h.update(name + JSON.stringify(t.app.db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()));
  return h.digest('hex');
}

/** Inputs that look almost right: the right keys with wrong values, and plain garbage. */
const nearMiss = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.dictionary(fc.constantFrom('id', 'ids', 'loginId', 'password', 'lastName', 'email1', 'page', 'pageSize', 'kind', 'mode', 'issueId',
    'jobId', 'items', 'slot', 'fileName', 'previewId', 'contentBase64', 'pattern', 'encoding', 'filters', 'to', 'verificationDays'),
  fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }))),
);

describe('every contract method', () => {
  it('answers random input with a Japanese refusal or a result, never INTERNAL, and a refusal changes nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...METHOD_NAMES), nearMiss, async (method, input) => {
      if (method === 'auth.logout') return; // a valid {} would end the session the property runs in
      const before = digest();
      const outcome = await t.app.dispatcher.dispatch(method, input, ctx);
      if (!outcome.ok) {
        expect(outcome.error.code).not.toBe('INTERNAL');
        expect(outcome.error.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(digest()).toBe(before);
      }
    }), { numRuns: 400 });
    expect(unhandled).toEqual([]);
  });
});

describe('every LAN route', () => {
  const routes: [string, string][] = [
    ['GET', '/'], ['GET', '/login'], ['POST', '/login'], ['POST', '/logout'], ['GET', '/password'], ['POST', '/password'],
    ['GET', '/mypage'], ['GET', '/mypage/login-id'], ['POST', '/mypage/login-id'], ['GET', '/mypage/addresses'],
    ['POST', '/mypage/addresses'], ['POST', '/punch'], ['GET', '/kiosk'], ['POST', '/kiosk'], ['GET', '/verify/'], ['POST', '/verify/'],
  ];
  it('never answers 500 to random paths, tokens and form bodies, and changes nothing', async () => {
    const body = fc.dictionary(fc.constantFrom('_csrf', 'loginId', 'password', 'kind', 'requestId', 'identifier', 'passcode', 'email1',
      'currentPassword', 'newPassword', 'newPasswordConfirm', 'accept', 'intent', fc.string() as unknown as string),
    fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('x'.repeat(5000))));
    await fc.assert(fc.asyncProperty(fc.constantFrom(...routes), fc.string({ maxLength: 60 }), body, async ([method, path], suffix, form) => {
      const before = digest();
      const url = new URL(path.endsWith('/verify/') ? path + encodeURIComponent(suffix) : path, portal.url);
      const res = await fetch(url, {
        method, redirect: 'manual',
        headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body: method === 'POST' ? new URLSearchParams(form).toString() : undefined,
      });
      await res.arrayBuffer();
      expect(res.status).toBeLessThan(500);
      expect(digest()).toBe(before);
    }), { numRuns: 250 });
    expect(unhandled).toEqual([]);
  });
});

// ---- inputs that reach the handlers --------------------------------------------------
//
// Random input rarely passes validation (about 14 of 400 contract runs above did), so the
// handlers behind it were barely tried. Here the inputs are near misses derived from the schemas
// (tests/support/contract-inputs.ts, portal-inputs.ts) sent by a logged-in administrator and a
// logged-in employee, and the share of runs that got past validation has a floor.

/** Columns a refused secret check writes by design (the lockout counts it). */
const LOCKOUT_COLUMNS = ['failed_logins', 'locked_until', 'passcode_failures', 'passcode_locked_until'];

/** Every table but the 操作ログ (and `skip`), as one digest; `maskLockouts`: without the lockout counters. */
function digestOf(db: Database, opts: { maskLockouts?: boolean; skip?: string[] } = {}): string {
  const h = createHash('sha256');
  for (const name of storedTables(db).filter((x) => !opts.skip?.includes(x))) {
    const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[];
    const masked = opts.maskLockouts && name === 'employees' ? rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !LOCKOUT_COLUMNS.includes(k)))) : rows;
    h.update(name + JSON.stringify(masked));
  }
  return h.digest('hex');
}

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('every contract method, with near-miss inputs from a logged-in administrator', () => {
  let smtp: TestSmtpServer;
  let tmp: ReturnType<typeof makeTempDir>;
  let app: App;
  let clock: FakeClock;
  let cert: { certPem: string; keyPem: string };
  const admin: CallContext = { sessionId: null, setSession(id) { this.sessionId = id; } };
  const deletedIds: number[] = [];
  /** what went wrong inside, for the message of a failed run */
  const errors: string[] = [];
  const errorsLogger = { ...silentLogger, error: (message: string, fields?: Record<string, unknown>) => void errors.push(`${message} ${JSON.stringify(fields)}`) };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    tmp = makeTempDir();
    clock = new FakeClock();
    // the bulk job's pacing and retries move the fake clock instead of sleeping
    app = composeApp({ dataDir: tmp.dir, clock, logger: errorsLogger, smtpUrl: smtp.url, wait: async (ms) => clock.advance(Math.ceil(ms)) }); // whole ms, as Date.now() gives
    await app.dispatcher.dispatch('auth.setup', { companyName: '試験', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' }, admin);
    // employees in every state the handlers act on
    const ids = Array.from({ length: 24 }, (_, i) => registerEmployee(app, {
      loginId: `emp${i}`, code: String(100 + i), lastName: i % 3 ? '田中' : '髙﨑', firstName: String(i),
      email1: `emp${i}@example.co.jp`, email2: i % 4 === 0 ? `emp${i}.home@example.jp` : '',
    }));
    const pdf = await app.issuance.prepare({ kind: 'password', mode: 'bulk', ids: ids.slice(0, 8) });
    await app.issuance.deliver(pdf.id, async () => 'delivered');
    const passcodes = await app.issuance.prepare({ kind: 'passcode', mode: 'bulk', ids: ids.slice(4, 10) });
    await app.issuance.deliver(passcodes.id, async () => 'delivered');
    for (const id of ids.slice(8, 14)) await app.verification.sendVerification(id, 1);
    app.employees.delete(ids.slice(21));
    deletedIds.push(...ids.slice(21));
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'timecard.local' }], { notAfterDate: new Date(Date.now() + 86_400_000), keySize: 2048 });
    cert = { certPem: pems.cert, keyPem: pems.private };
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    tmp.remove();
  });

  it('reach the handlers in most runs; never INTERNAL; a refusal is Japanese and changes nothing', async () => {
    const inputs = contractInputs(cert);
    const tracked = { preparedIssueIds: [] as string[], settledIssueIds: [] as string[], previewIds: [] as string[], jobIds: [] as string[] };
    const state = (): RunState => {
      const rows = app.db.prepare('SELECT id, version, login_id, email1, email2, email3 FROM employees ORDER BY is_company_admin DESC, id').all() as
        { id: number; version: number; login_id: string; email1: string | null; email2: string | null; email3: string | null }[];
      const versions = new Map(rows.map((r) => [r.id, r.version]));
      return {
        ids: rows.map((r) => r.id), deletedIds, versionOf: (id) => versions.get(id) ?? 0, loginIds: rows.map((r) => r.login_id),
        addresses: rows.flatMap((r) => [r.email1, r.email2, r.email3].filter((a): a is string => a !== null)),
        backups: app.backup.list().map((b) => b.fileName), ...tracked,
      };
    };
    const reached = new Map<string, number>();
    let runs = 0;
    const run = fc.constantFrom(...METHOD_NAMES).chain((method) => inputs[method].map((recipe) => ({ method, recipe })));
    await fc.assert(fc.asyncProperty(run, async ({ method, recipe }) => {
      const input = materialize(recipe, state());
      const auth = method.startsWith('auth.');
      // the auth methods run in a tab of their own: a login starts by ending the caller's session
      const ctx: CallContext = auth ? { sessionId: null, setSession(id) { this.sessionId = id; } } : admin;
      const before = digestOf(app.db, { maskLockouts: auth });
      const outcome = await app.dispatcher.dispatch(method, input, ctx);
      await app.bulkMail.idle();
      runs += 1;
      if (methods[method].input.safeParse(input).success) reached.set(method, (reached.get(method) ?? 0) + 1);
      if (!outcome.ok) {
        expect(outcome.error.code, `${method} ${JSON.stringify(input)?.slice(0, 300)}: ${errors.at(-1) ?? ''}`).not.toBe('INTERNAL');
        expect(outcome.error.message).toMatch(japanese);
        expect(digestOf(app.db, { maskLockouts: auth }), `${method} refused (${outcome.error.code}) yet changed the data`).toBe(before);
        return;
      }
      const result = outcome.result as Record<string, unknown> | null;
      if (method === 'issuance.preparePdf') tracked.preparedIssueIds.push(String(result!.issueId));
      if (method === 'csv.previewImport' && typeof result?.previewId === 'string') tracked.previewIds.push(result.previewId);
      if (method === 'bulkMail.start') tracked.jobIds.push(String(result!.jobId));
      if (method === 'employees.delete') deletedIds.push(...(input as { ids: number[] }).ids);
      if (['issuance.saveToFile', 'issuance.print', 'issuance.discard'].includes(method)) {
        const id = (input as { issueId: string }).issueId;
        tracked.preparedIssueIds = tracked.preparedIssueIds.filter((x) => x !== id);
        tracked.settledIssueIds.push(id);
      }
    }), { numRuns: 300, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });
    const passed = [...reached.values()].reduce((a, b) => a + b, 0);
    expect(passed / runs, `${passed} of ${runs} runs got past validation`).toBeGreaterThanOrEqual(0.5);
    expect(reached.size, `methods reached: ${[...reached.keys()].join(' ')}`).toBeGreaterThanOrEqual(Math.floor(METHOD_NAMES.length * 0.8));
    expect(app.db.pragma('foreign_key_check')).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});

describe('every LAN route, with near-miss requests from a logged-in employee', () => {
  const PASSWORD = 'kiosk-and-portal-1';
  let smtp: TestSmtpServer;
  let tmp: ReturnType<typeof makeTempDir>;
  let app: App;
  let server: RunningServer;
  let employeeId: number;
  let passwordHash: string;
  let passcode: string;
  let liveToken: string;
  let usedToken: string;
  let sessionId: string | null = null;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    tmp = makeTempDir();
    app = composeApp({ dataDir: tmp.dir, clock: new FakeClock(), logger: silentLogger, smtpUrl: smtp.url });
    await app.auth.setup({ companyName: '試験', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' });
    writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: false });
    employeeId = registerEmployee(app, { loginId: 'tanaka', code: '0011', lastName: '田中', email1: 'tanaka@example.co.jp' });
    registerEmployee(app, { loginId: 'suzuki', code: '0012', lastName: '鈴木', email1: 'suzuki@example.co.jp' });
    await issueByPdf(app, employeeId, 'password');
    passcode = await issueByPdf(app, employeeId, 'passcode');
    passwordHash = await hashSecret(PASSWORD);
    // two links of other employees: one to be pressed, one used already
    const waiting = [registerEmployee(app, { loginId: 'sato', lastName: '佐藤', email1: 'sato@example.co.jp' }),
      registerEmployee(app, { loginId: 'ito', lastName: '伊藤', email1: 'ito@example.co.jp' })];
    for (const id of waiting) await app.verification.sendVerification(id, 1);
    [liveToken, usedToken] = smtp.mails.map((m) => /\/verify\/([0-9a-z]{9}[A-Za-z0-9_-]{43})$/m.exec(m.text)![1]!) as [string, string];
    expect(await app.verification.verify(usedToken)).toBe('verified');
    server = await app.startPortal({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    tmp.remove();
  });

  /** Before each run: the employee's password is the known one, nothing is locked, and a session is live. */
  async function arrange(): Promise<LanState> {
    app.db.prepare(`UPDATE employees SET password_hash = ?, failed_logins = 0, locked_until = NULL, passcode_failures = 0,
      passcode_locked_until = NULL WHERE id = ?`).run(passwordHash, employeeId);
    const e = app.employees.get(employeeId);
    if (!app.portalAuth.session(sessionId ?? undefined)) sessionId = await app.portalAuth.login(e.loginId, PASSWORD);
    const others = app.db.prepare('SELECT login_id, email1 FROM employees WHERE id <> ?').all(employeeId) as { login_id: string; email1: string | null }[];
    return {
      loginId: e.loginId, code: e.code, password: PASSWORD, passcode, sessionCsrf: app.portalAuth.session(sessionId!)!.csrfToken,
      liveToken, usedToken, loginIds: others.map((o) => o.login_id), addresses: others.flatMap((o) => (o.email1 ? [o.email1] : [])),
    };
  }

  /** The handlers a request reaches once its session, form token and fields pass (each call is counted). */
  function spyOnHandlers() {
    return [
      vi.spyOn(app.portalAuth, 'login'), vi.spyOn(app.portalAuth, 'logout'), vi.spyOn(app.portalAuth, 'changePassword'),
      vi.spyOn(app.portalAuth, 'checkPassword'), vi.spyOn(app.employees, 'updateAddresses'), vi.spyOn(app.employees, 'changeLoginId'),
      vi.spyOn(app.punches, 'punch'), vi.spyOn(app.punches, 'punchWithPasscode'), vi.spyOn(app.verification, 'verify'),
      vi.spyOn(app.verification, 'inspect'),
    ];
  }

  it('reach the handlers in most runs from many LAN addresses; never a 500; a refusal changes nothing', async () => {
    const spies = spyOnHandlers();
    const origin = new URL(server.url).origin;
    let runs = 0;
    let reached = 0;
    await fc.assert(fc.asyncProperty(portalRequests, async (recipe) => {
      const s = await arrange();
      const r = materialize(recipe, s) as LanRequest & { path: string; form?: Record<string, unknown> };
      const formToken = randomBytes(32).toString('base64url');
      const cookies = [
        r.session === 'live' ? `fu_session=${sessionId!}` : r.session === 'stranger' ? `fu_session=${randomBytes(32).toString('base64url')}` : null,
        r.doubleSubmit ? `fu_csrf=${formToken}` : null,
      ].filter(Boolean).join('; ');
      const form = { ...(r.doubleSubmit ? { _csrf: r.doubleSubmit === 'match' ? formToken : randomBytes(32).toString('base64url') } : {}), ...r.form };
      const body = r.method === 'POST' ? new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)])).toString() : undefined;
      const sessionsBefore = new Set(app.db.prepare('SELECT id_hash FROM portal_sessions').pluck().all());
      const before = digestOf(app.db, { maskLockouts: true, skip: ['portal_sessions'] });
      const calls = spies.reduce((n, sp) => n + sp.mock.calls.length, 0);
      runs += 1;
      // each run from its own address in 127.0.0.0/8: the per-source limits see many LAN clients, as in an office
      const res = await lanRequest(server, {
        method: r.method, path: r.path, body, localAddress: `127.${(runs >> 16) & 255}.${(runs >> 8) & 255}.${(runs & 255) + 1 > 254 ? 1 : (runs & 255) + 1}`,
        headers: {
          ...(cookies ? { cookie: cookies } : {}),
          ...(r.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded', origin, 'sec-fetch-site': 'same-origin' } : {}),
        },
      });
      expect(res.status, `${r.method} ${r.path}`).toBeLessThan(500);
      if (spies.reduce((n, sp) => n + sp.mock.calls.length, 0) > calls || (r.method === 'GET' && res.status === 200)) reached += 1;
      const refused = res.status >= 400 || (r.method === 'POST' && res.location === r.path);
      if (refused) {
        expect(digestOf(app.db, { maskLockouts: true, skip: ['portal_sessions'] }), `${r.method} ${r.path} → ${res.status} changed the data`).toBe(before);
        // no session is made by a refused request (a refused login may end the caller's own)
        for (const id of app.db.prepare('SELECT id_hash FROM portal_sessions').pluck().all()) expect(sessionsBefore.has(id)).toBe(true);
      }
    }), { numRuns: 250 });
    for (const sp of spies) sp.mockRestore();
    expect(reached / runs, `${reached} of ${runs} requests got past validation`).toBeGreaterThanOrEqual(0.5);
    expect(unhandled).toEqual([]);
  });
});

/** One request from a chosen source address (http.request's localAddress), on a connection of its own. */
function lanRequest(server: RunningServer, r: { method: string; path: string; headers: Record<string, string>; body?: string; localAddress: string }) {
  return new Promise<{ status: number; location: string | null }>((resolve, reject) => {
    const req = httpRequest({
      host: server.host, port: server.port, method: r.method, path: r.path, headers: r.headers, localAddress: r.localAddress, agent: false,
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null }));
    });
    req.on('error', reject);
    req.end(r.body);
  });
}
