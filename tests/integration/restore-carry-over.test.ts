/**
 * A restore brings the data back, not the keys: every portal session ends, and a link that
 * was used or revoked in the live database stays dead — from the 「復元」 screen and from
 * `--restore-backup` alike. The 操作ログ is kept across both.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, type App } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { BrowserLikeClient, csrfOf } from '../support/browser-like-client';
import { startHeadless } from '../support/headless-process';
import { workAroundABackup, type RestoreScenario } from '../support/restore-scenario';
import { startTestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function companyAtWork(): Promise<{ app: App; dir: string; scenario: RestoreScenario }> {
  const tmp = makeTempDir();
  cleanups.push(tmp.remove);
  const smtp = await startTestSmtpServer();
  cleanups.push(() => smtp.close());
  const app = composeApp({ dataDir: tmp.dir, logger: silentLogger, smtpUrl: smtp.url });
  cleanups.push(() => app.close());
  await app.auth.setup({ companyName: '試験株式会社', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' });
  return { app, dir: tmp.dir, scenario: await workAroundABackup(app, smtp) };
}

function expectKeysDead(app: App, s: RestoreScenario): void {
  expect(app.verification.inspect(s.stillLive).status).toBe('valid');
  expect(app.verification.inspect(s.revokedAfter).status).not.toBe('valid');
  expect(app.verification.inspect(s.usedAfter).status).not.toBe('valid');
  expect(app.portalAuth.session(s.loggedOutAfter)).toBeNull();
  expect(app.portalAuth.session(s.stillOpen)).toBeNull();
  expect(app.db.prepare('SELECT count(*) AS n FROM portal_sessions').get()).toEqual({ n: 0 });
}

describe('after 「復元」 on the screen', () => {
  it('ends every portal session and keeps used and revoked links dead; the rest works', async () => {
    const { app, scenario } = await companyAtWork();
    const ctx = { sessionId: await app.auth.login({ loginId: 'admin', password: 'long enough 1' }), setSession() {} };
    expect(await app.dispatcher.dispatch('backup.restore', { fileName: scenario.backupName }, ctx)).toEqual({ ok: true, result: { restored: true } });
    expectKeysDead(app, scenario);
    // the revoked and used links no longer hold the employees as 認証待ち
    expect(app.employees.list({ page: 1, pageSize: 100, sort: 'code', direction: 'asc', text: 'kato', password: [], passcode: [], verification: [] })
      .rows[0]).toMatchObject({ verification: 'expired' });

    // the portal works after the restore: a new login, a page behind it, the live link
    const portal = await app.startPortal({ host: '127.0.0.1', port: 0 });
    const browser = new BrowserLikeClient(portal.url);
    expect((await browser.get(`/verify/${scenario.stillLive}`)).html).toContain('>認証する</button>');
    expect((await browser.get(`/verify/${scenario.usedAfter}`)).html).not.toContain('>認証する</button>');
    const loginPage = await browser.get('/login');
    expect(loginPage.status).toBe(200);
    expect(csrfOf(loginPage.html)).toBeTruthy();
    expect(app.audit.list({ from: null, to: null, action: null, employee: null, page: 1, pageSize: 100 }).rows[0]).toMatchObject({ action: '復元' });
  });
});

describe('after --restore-backup', () => {
  it('ends every portal session, keeps used and revoked links dead, and keeps the 操作ログ', async () => {
    const { app, dir, scenario } = await companyAtWork();
    // an audited action after the backup: its entry must survive the restore that undoes it
    const ctx = { sessionId: await app.auth.login({ loginId: 'admin', password: 'long enough 1' }), setSession() {} };
    expect((await app.dispatcher.dispatch('employees.create', {
      loginId: 'later', code: '', honorific: '', lastName: '後', firstName: '', department: '', email1: '', email2: '', email3: '', recorderEnabled: true,
    }, ctx)).ok).toBe(true);
    const logBefore = app.audit.list({ from: null, to: null, action: null, employee: null, page: 1, pageSize: 100 }).rows.map((r) => r.action);
    expect(logBefore).toContain('社員登録');
    await app.close();

    const p = await startHeadless(['--data-dir', dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0', '--restore-backup', scenario.backupName]);
    cleanups.push(() => p.stop());
    expect(p.stdout()).toContain(`restored: ${scenario.backupName}`);
    const stale = new BrowserLikeClient(p.portalUrl);
    // dead: its own page (410) says the link no longer works, and offers nothing to press
    const dead = await stale.get(`/verify/${scenario.revokedAfter}`);
    expect(dead.status).toBe(410);
    expect(dead.html).not.toContain('>認証する</button>');
    await p.stop();

    const again = composeApp({ dataDir: dir, logger: silentLogger });
    cleanups.push(() => again.close());
    expectKeysDead(again, scenario);
    const log = again.audit.list({ from: null, to: null, action: null, employee: null, page: 1, pageSize: 100 });
    expect(log.rows.map((r) => r.action)).toEqual(['復元', ...logBefore]);
    expect(log.rows[0]).toMatchObject({ actor: '起動オプション --restore-backup', detail: scenario.backupName, result: 'ok' });
    expect(again.db.prepare("SELECT count(*) AS n FROM employees WHERE login_id = 'later'").get()).toEqual({ n: 0 });
  });
});
