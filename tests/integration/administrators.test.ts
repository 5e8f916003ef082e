/**
 * Several administrators (ユーザー管理者): the 法人管理者 adds, disables, enables and removes them;
 * each logs in with their own credentials and must change the initial password first; the 操作ログ
 * names who did what; a disabled or removed one is thrown out at once; the portal never reaches
 * them. Real services on a real SQLite file, calls through the dispatcher as both transports make
 * them (one CallContext per browser tab), the event stream over the real loopback bridge.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { migrate } from '../../db/database';
import { disableAdministrator, deleteAdministrator, insertAdministrator, selectAdministrator } from '../../db/queries/administrators';
import type { CallContext, CallOutcome } from '../../main/api/dispatcher';
import { startBridgeServer } from '../../main/bridge/server';
import { LOGIN_LOCK } from '../../main/services/support/authenticate';
import type { InitialPasswordResult, MethodInput, MethodName } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { pdfPagesText } from '../support/pdf-text';
import { makeTestApp, registerEmployee } from '../support/test-app';

const OWNER = { loginId: 'owner', password: 'owner password 1' };
let t: ReturnType<typeof makeTestApp>;

beforeEach(async () => {
  t = makeTestApp();
  await t.app.auth.setup({ companyName: '試験株式会社', adminLastName: '山田 法人', ...OWNER });
});
afterEach(async () => {
  await t.dispose();
});

/** A browser tab: its own session, as a cookie (bridge) or a window (IPC) keeps it. */
class Tab {
  readonly ctx: CallContext = { sessionId: null, setSession(id) { this.sessionId = id; } };
  outcome<M extends MethodName>(method: M, input: MethodInput<M>): Promise<CallOutcome> {
    return t.app.dispatcher.dispatch(method, input ?? {}, this.ctx);
  }
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<never> {
    const o = await this.outcome(method, input);
    if (!o.ok) throw new Error(`${method}: ${o.error.code} ${o.error.message}`);
    return o.result as never;
  }
  async error<M extends MethodName>(method: M, input: MethodInput<M>): Promise<{ code: string; message: string; fieldErrors?: Record<string, string> }> {
    const o = await this.outcome(method, input);
    if (o.ok) throw new Error(`${method} was expected to be refused`);
    return o.error;
  }
}

async function loggedIn(credentials: { loginId: string; password: string }): Promise<Tab> {
  const tab = new Tab();
  await tab.call('auth.login', credentials);
  return tab;
}

/** The 法人管理者 adds an administrator; that administrator logs in and replaces the initial password. */
async function addAdministrator(owner: Tab, loginId: string, name: string): Promise<{ id: number; password: string; tab: Tab }> {
  const added: InitialPasswordResult = await owner.call('administrators.create', { loginId, name, delivery: 'screen' });
  const id = added.administrators.find((a) => a.loginId === loginId)!.id;
  const tab = await loggedIn({ loginId, password: added.initialPassword! });
  const password = `quiet river morning ${loginId.length}`;
  await tab.call('auth.changePassword', { currentPassword: added.initialPassword!, newPassword: password });
  return { id, password, tab };
}

const version = (id: number) => selectAdministrator(t.app.db, id)!.version;

describe('the 法人管理者 adds an administrator', () => {
  it('the initial password is shown once; the first login can do nothing but change it; then the administrator works', async () => {
    const owner = await loggedIn(OWNER);
    const added: InitialPasswordResult = await owner.call('administrators.create', { loginId: 'sato', name: '佐藤 花子', delivery: 'screen' });
    expect(added.initialPassword).toMatch(/^[a-hjkmnp-z2-9]{12}$/);
    expect(added.pdf).toBeNull();
    expect(added.administrators).toEqual([expect.objectContaining({ loginId: 'sato', name: '佐藤 花子', status: 'initial', locked: false })]);
    expect((await owner.call('administrators.list', undefined) as InitialPasswordResult).administrators[0]).not.toHaveProperty('initialPassword');

    const sato = await loggedIn({ loginId: 'sato', password: added.initialPassword! });
    expect(await sato.call('auth.getState', undefined)).toMatchObject({ loggedIn: false, passwordChangeRequired: true, adminName: '佐藤 花子' });
    expect((await sato.error('employees.list', {})).code).toBe('UNAUTHORIZED');
    expect((await sato.error('settings.get', undefined)).code).toBe('UNAUTHORIZED');

    // the current password is checked, and the new one must be her own and not guessable
    expect((await sato.error('auth.changePassword', { currentPassword: 'wrong one 12', newPassword: 'river stone lamp 7' })).fieldErrors)
      .toEqual({ currentPassword: ja.passwordChange.currentWrong });
    expect((await sato.error('auth.changePassword', { currentPassword: added.initialPassword!, newPassword: added.initialPassword! })).fieldErrors)
      .toEqual({ newPassword: ja.passwordChange.same });
    expect((await sato.error('auth.changePassword', { currentPassword: added.initialPassword!, newPassword: 'password1' })).fieldErrors)
      .toEqual({ newPassword: ja.passwordChange.tooCommon });
    expect((await sato.error('auth.changePassword', { currentPassword: added.initialPassword!, newPassword: 'my-sato-login' })).fieldErrors)
      .toEqual({ newPassword: ja.passwordChange.containsLoginId });

    const otherTab = await loggedIn({ loginId: 'sato', password: added.initialPassword! });
    expect(await sato.call('auth.changePassword', { currentPassword: added.initialPassword!, newPassword: 'river stone lamp 7' }))
      .toMatchObject({ loggedIn: true, passwordChangeRequired: false, canManageAdministrators: false });
    // her other session (still on the initial password) ended with the change
    expect(await otherTab.call('auth.getState', undefined)).toMatchObject({ loggedIn: false, passwordChangeRequired: false });

    const employee = await sato.call('employees.create', {
      loginId: 'tanaka', code: '', honorific: '', lastName: '田中', firstName: '', department: '', email1: '', email2: '', email3: '', recorderEnabled: true,
    });
    expect(employee).toMatchObject({ status: 'saved' });
    // the initial password works no more; hers does
    expect((await new Tab().error('auth.login', { loginId: 'sato', password: added.initialPassword! })).code).toBe('AUTH_FAILED');
    await loggedIn({ loginId: 'SATO', password: 'river stone lamp 7' });
    expect((await owner.call('administrators.list', undefined) as InitialPasswordResult).administrators[0]!.status).toBe('active');
  });

  it('or prints it on a notice PDF (shown nowhere else); the notice names the admin screens\' address', async () => {
    t.app.administrators.setAdminUrl('https://focus-u.office.lan:8443/');
    const owner = await loggedIn(OWNER);
    const added: InitialPasswordResult = await owner.call('administrators.create', { loginId: 'kato', name: '加藤 一郎', delivery: 'pdf' });
    expect(added.initialPassword).toBeNull();
    expect(added.pdf!.fileName).toMatch(/^focus-u-admin-kato-\d+\.pdf$/);
    const [page] = await pdfPagesText(Buffer.from(added.pdf!.contentBase64, 'base64'));
    expect(page).toContain('加藤 一郎 さん');
    expect(page).toContain(ja.notice.adminPasswordTitle);
    expect(page).toContain('https://focus-u.office.lan:8443/');
    const password = /\n([a-hjkmnp-z2-9]{12})\n/.exec(page!)?.[1];
    expect(password).toBeDefined();
    expect(await (await loggedIn({ loginId: 'kato', password: password! })).call('auth.getState', undefined)).toMatchObject({ passwordChangeRequired: true });
  });

  it('refuses a ログインID already used by an employee or another administrator (any case); an employee cannot take an administrator\'s', async () => {
    const owner = await loggedIn(OWNER);
    registerEmployee(t.app, { loginId: 'tanaka' });
    await owner.call('administrators.create', { loginId: 'sato', name: '佐藤', delivery: 'screen' });
    for (const loginId of ['tanaka', 'Sato', 'OWNER']) {
      expect((await owner.error('administrators.create', { loginId, name: '誰か', delivery: 'screen' })).fieldErrors)
        .toEqual({ loginId: ja.validation.duplicateLoginId });
    }
    expect(() => registerEmployee(t.app, { loginId: 'SATO' })).toThrow();
    expect((await owner.error('administrators.create', { loginId: 'a b', name: '', delivery: 'screen' })).code).toBe('VALIDATION');
  });

  it('only the 法人管理者 manages administrators', async () => {
    const owner = await loggedIn(OWNER);
    const sato = await addAdministrator(owner, 'sato', '佐藤');
    expect(await sato.tab.call('auth.getState', undefined)).toMatchObject({ canManageAdministrators: false });
    expect(await owner.call('auth.getState', undefined)).toMatchObject({ canManageAdministrators: true });
    for (const [method, input] of [
      ['administrators.list', undefined], ['administrators.create', { loginId: 'kato', name: '加藤', delivery: 'screen' }],
      ['administrators.disable', { id: sato.id, version: version(sato.id) }], ['administrators.delete', { id: sato.id, version: version(sato.id) }],
      ['administrators.resetPassword', { id: sato.id, version: version(sato.id), delivery: 'screen' }],
    ] as const) {
      expect(await sato.tab.error(method, input as never)).toMatchObject({ code: 'FORBIDDEN', message: ja.administrators.onlyCompanyAdmin });
    }
    expect((await new Tab().error('administrators.list', undefined)).code).toBe('UNAUTHORIZED');
  });
});

describe('disabling, removing and a new initial password', () => {
  it('a disabled administrator is thrown out at once and cannot log in (the same answer as a wrong password); enabled again, works', async () => {
    const owner = await loggedIn(OWNER);
    const sato = await addAdministrator(owner, 'sato', '佐藤');
    await owner.call('administrators.disable', { id: sato.id, version: version(sato.id) });
    expect((await sato.tab.error('employees.list', {})).code).toBe('UNAUTHORIZED');
    expect(await sato.tab.call('auth.getState', undefined)).toMatchObject({ loggedIn: false });
    const refused = await new Tab().error('auth.login', { loginId: 'sato', password: sato.password });
    const unknown = await new Tab().error('auth.login', { loginId: 'nobody', password: sato.password });
    expect(refused).toEqual(unknown);
    // a disabled account counts nothing: its lockout stays untouched
    expect(t.app.db.prepare('SELECT failed_logins FROM administrators WHERE id = ?').get(sato.id)).toEqual({ failed_logins: 0 });

    await owner.call('administrators.enable', { id: sato.id, version: version(sato.id) });
    await loggedIn({ loginId: 'sato', password: sato.password });
  });

  it('a removed administrator is thrown out at once and gone from the list', async () => {
    const owner = await loggedIn(OWNER);
    const sato = await addAdministrator(owner, 'sato', '佐藤');
    const r = await owner.call('administrators.delete', { id: sato.id, version: version(sato.id) }) as InitialPasswordResult;
    expect(r.administrators).toEqual([]);
    expect(r.subject).toEqual({ name: '佐藤', loginId: 'sato' });
    expect((await sato.tab.error('employees.list', {})).code).toBe('UNAUTHORIZED');
    expect((await new Tab().error('auth.login', { loginId: 'sato', password: sato.password })).code).toBe('AUTH_FAILED');
  });

  it('a new initial password ends the sessions, lifts a lock and must be changed again; the old password works no more', async () => {
    const owner = await loggedIn(OWNER);
    const sato = await addAdministrator(owner, 'sato', '佐藤');
    for (let i = 0; i < LOGIN_LOCK.maxFailures; i++) await new Tab().error('auth.login', { loginId: 'sato', password: `wrong ${i} password` });
    expect((await owner.call('administrators.list', undefined) as InitialPasswordResult).administrators[0]!.locked).toBe(true);
    const r: InitialPasswordResult = await owner.call('administrators.resetPassword', { id: sato.id, version: version(sato.id), delivery: 'screen' });
    expect(r.administrators[0]).toMatchObject({ status: 'initial', locked: false });
    expect((await sato.tab.error('employees.list', {})).code).toBe('UNAUTHORIZED');
    expect((await new Tab().error('auth.login', { loginId: 'sato', password: sato.password })).code).toBe('AUTH_FAILED');
    const again = await loggedIn({ loginId: 'sato', password: r.initialPassword! });
    expect(await again.call('auth.getState', undefined)).toMatchObject({ passwordChangeRequired: true });
  });

  it('a change made from a stale screen changes nothing and says so; one already removed says that', async () => {
    const owner = await loggedIn(OWNER);
    const otherTab = await loggedIn(OWNER);
    const sato = await addAdministrator(owner, 'sato', '佐藤');
    const seen = version(sato.id);
    await otherTab.call('administrators.disable', { id: sato.id, version: seen });
    expect(await owner.error('administrators.delete', { id: sato.id, version: seen }))
      .toMatchObject({ code: 'CONFLICT', message: ja.validation.changedElsewhere });
    expect(selectAdministrator(t.app.db, sato.id)).toBeDefined();
    await otherTab.call('administrators.delete', { id: sato.id, version: version(sato.id) });
    expect(await owner.error('administrators.enable', { id: sato.id, version: seen + 1 }))
      .toMatchObject({ code: 'NOT_FOUND', message: ja.administrators.notFound });
  });
});

describe('the last active administrator', () => {
  it('is never disabled or removed: the SQL of the change keeps one (with the 法人管理者 absent, two ユーザー管理者)', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    const a = insertAdministrator(db, { loginId: 'a-admin', name: 'A', passwordHash: 'x' }, 1)!;
    const b = insertAdministrator(db, { loginId: 'b-admin', name: 'B', passwordHash: 'x' }, 1)!;
    expect(disableAdministrator(db, a, 0, 2)).toBe(true);
    expect(disableAdministrator(db, b, 0, 2)).toBe(false); // b is the last one able to log in
    expect(deleteAdministrator(db, b, 0)).toBe(false);
    expect(deleteAdministrator(db, a, 1)).toBe(true); // a disabled one may go
    expect(selectAdministrator(db, b)!.disabledAt).toBeNull();
  });

  it('with the company set up, the 法人管理者 is always active and is not among the accounts managed (nobody removes themselves)', async () => {
    const owner = await loggedIn(OWNER);
    const list = await owner.call('administrators.list', undefined) as InitialPasswordResult;
    expect(list.companyAdmin).toEqual({ name: '山田 法人', loginId: 'owner' });
    expect(list.administrators).toEqual([]);
    const sato = await addAdministrator(owner, 'sato', '佐藤');
    await owner.call('administrators.disable', { id: sato.id, version: version(sato.id) }); // the 法人管理者 remains
    expect(await owner.call('auth.getState', undefined)).toMatchObject({ loggedIn: true });
  });
});

describe('the 操作ログ names who did what', () => {
  it('each administrator\'s actions under their own name; the account changes name the account; never a password', async () => {
    const owner = await loggedIn(OWNER);
    const sato = await addAdministrator(owner, 'sato', '佐藤 花子');
    await sato.tab.call('employees.create', {
      loginId: 'tanaka', code: '', honorific: '', lastName: '田中', firstName: '', department: '', email1: '', email2: '', email3: '', recorderEnabled: true,
    });
    await owner.call('administrators.disable', { id: sato.id, version: version(sato.id) });
    await new Tab().error('auth.login', { loginId: 'sato', password: sato.password });
    const rows = t.app.audit.list({ page: 1, pageSize: 100, from: null, to: null, action: null, employee: null }).rows.reverse();
    const line = (r: (typeof rows)[number]) => [r.actor, r.action, r.result, r.detail];
    const a = ja.audit.actions;
    expect(rows.map(line)).toEqual([
      ['owner', a.login, 'ok', ''], // a login names the ID that logged in (as before)
      ['山田 法人（owner）', a.adminCreate, 'ok', '佐藤 花子（sato）'],
      ['sato', a.login, 'ok', ''],
      ['佐藤 花子（sato）', a.passwordChange, 'ok', ''],
      ['佐藤 花子（sato）', a.create, 'ok', ''],
      ['山田 法人（owner）', a.adminDisable, 'ok', '佐藤 花子（sato）'],
      ['sato', a.login, 'error', ja.login.failed],
    ]);
    const everything = JSON.stringify(t.app.db.prepare('SELECT * FROM audit_log').all());
    expect(everything).not.toContain(sato.password);
  });
});

describe('two trust zones: the portal never reaches an administrator account', () => {
  it('a ユーザー管理者\'s ID and password on the portal are an unknown ID, and count nothing against the account', async () => {
    const owner = await loggedIn(OWNER);
    const sato = await addAdministrator(owner, 'sato', '佐藤');
    expect(await t.app.portalAuth.login('sato', sato.password)).toBeNull();
    for (let i = 0; i < 20; i++) expect(await t.app.portalAuth.login('sato', `guess ${i}`)).toBeNull();
    const row = t.app.db.prepare('SELECT failed_logins, locked_until FROM administrators WHERE id = ?').get(sato.id);
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
    await loggedIn({ loginId: 'sato', password: sato.password });
  });
});

describe('the lockout of an administrator\'s login', () => {
  it('5 wrong passwords lock it for 15 minutes, whatever the burst; then it opens again', async () => {
    const owner = await loggedIn(OWNER);
    const sato = await addAdministrator(owner, 'sato', '佐藤');
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => new Tab().outcome('auth.login', { loginId: 'sato', password: `guess ${i} xx` })));
    expect(burst.every((o) => !o.ok)).toBe(true);
    const row = t.app.db.prepare('SELECT failed_logins, locked_until FROM administrators WHERE id = ?').get(sato.id) as { failed_logins: number; locked_until: number };
    expect(row.locked_until).toBe(t.clock.now() + LOGIN_LOCK.lockMs);
    expect((await new Tab().error('auth.login', { loginId: 'sato', password: sato.password })).code).toBe('AUTH_FAILED');
    expect(await sato.tab.call('auth.getState', undefined)).toMatchObject({ loggedIn: true }); // a guesser does not throw her out
    t.clock.advance(LOGIN_LOCK.lockMs + 1);
    await loggedIn({ loginId: 'sato', password: sato.password });
  });
});

describe('the screens of an administrator who is disabled are told at once', () => {
  it('the event stream of the ended session gets `sessionEnded` and closes; the other administrators\' streams go on', async () => {
    const rendererDir = path.join(t.dataDir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><meta name="focusu-token" content=""></head></html>');
    const token = 'stream-token-0123456789';
    const bridge = await startBridgeServer({
      port: 0, dispatcher: t.app.dispatcher, events: t.app.events, logger: t.app.logger, rendererDir, token,
      isLoggedIn: (s) => t.app.auth.isLoggedIn(s), isSessionLive: (s) => t.app.auth.isLive(s), issuance: t.app.issuance,
    });
    try {
      const login = async (credentials: { loginId: string; password: string }) => {
        const res = await fetch(`${bridge.url}api/call/auth.login`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-focusu-token': token }, body: JSON.stringify(credentials),
        });
        return res.headers.getSetCookie()[0]!.split(';')[0]!;
      };
      const owner = await loggedIn(OWNER);
      const sato = await addAdministrator(owner, 'sato', '佐藤');
      const satoCookie = await login({ loginId: 'sato', password: sato.password });
      const ownerCookie = await login(OWNER);
      const stream = async (cookie: string) => {
        const res = await fetch(`${bridge.url}api/events`, { headers: { 'x-focusu-token': token, cookie } });
        expect(res.status).toBe(200);
        return res.body!.pipeThrough(new TextDecoderStream()).getReader();
      };
      const satoStream = await stream(satoCookie);
      const ownerStream = await stream(ownerCookie);
      await owner.call('administrators.disable', { id: sato.id, version: version(sato.id) });
      let satoText = '';
      for (;;) {
        const { value, done } = await satoStream.read();
        if (done) break;
        satoText += value;
      }
      expect(satoText).toContain('"event":"sessionEnded"');
      expect(satoText).not.toContain('administratorsChanged'); // an ended session is told that, and nothing else
      const first = await ownerStream.read();
      expect(first.value).toContain('"event":"administratorsChanged"');
      await ownerStream.cancel();
    } finally {
      await bridge.close();
    }
  });
});
