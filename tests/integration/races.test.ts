/**
 * Two actors on one employee at once (SPEC §14): two administrator tabs (two sessions over the
 * real loopback bridge), or an administrator and the employee on the LAN portal. Both actions are
 * released together; exactly one wins, the other is told (a named CONFLICT, or its row 対象外),
 * and the state that remains is whole: the secret that reached someone works, none other does,
 * nobody gets two mails. Where an interleaving must be pinned, the test SMTP server holds the mail
 * "on its way" (MailGate) or a checkpoint of the work runs the other actor at that instant.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeAccountSettings } from '../../db/queries/settings';
import type { RunningBridge } from '../../main/bridge/server';
import type { CallOutcome } from '../../main/api/dispatcher';
import { composeApp, type App } from '../../main/composition';
import type { RunningServer } from '../../main/portal/server';
import { setCheckpointHook, type Checkpoint } from '../../main/services/support/checkpoints';
import { silentLogger } from '../../main/services/support/logger';
import type { EmployeeDetail, IssueResult } from '../../preload/contract';
import { ja } from '../../preload/i18n/ja';
import { AdminTab, startTestBridge } from '../support/admin-tab';
import { BrowserLikeClient, csrfOf } from '../support/browser-like-client';
import { issueByPdf } from '../support/issue-by-pdf';
import { MailGate } from '../support/mail-gate';
import { pdfPagesText } from '../support/pdf-text';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';

const ADMIN = { loginId: 'admin', password: 'long enough 1' };
const VERIFICATION = '【Focus U】アカウント認証依頼';
const ACCOUNT = '【Focus U】アカウント通知';

let gate: MailGate;
let smtp: TestSmtpServer;
let tmp: ReturnType<typeof makeTempDir>;
let app: App;
let portal: RunningServer;
let bridge: RunningBridge;
let tabA: AdminTab;
let tabB: AdminTab;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

// One mail server for the file (its certificate takes a while to make); a fresh gate and mailbox per test.
beforeAll(async () => {
  smtp = await startTestSmtpServer({}, { beforeAccept: () => gate.beforeAccept() });
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  unhandled.splice(0);
  process.on('unhandledRejection', onUnhandled);
  gate = new MailGate();
  smtp.mails.splice(0);
  tmp = makeTempDir();
  app = composeApp({ dataDir: tmp.dir, logger: silentLogger, smtpUrl: smtp.url });
  await app.auth.setup({ companyName: '株式会社同時', adminLastName: '管理', ...ADMIN });
  writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: false });
  portal = await app.startPortal({ host: '127.0.0.1', port: 0 });
  bridge = await startTestBridge(app, tmp.dir);
  [tabA, tabB] = await Promise.all([AdminTab.login(bridge, ADMIN.loginId, ADMIN.password), AdminTab.login(bridge, ADMIN.loginId, ADMIN.password)]);
});
afterEach(async () => {
  setCheckpointHook(null);
  gate.open();
  await bridge.close();
  await app.close();
  tmp.remove();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

// ---- helpers ------------------------------------------------------------------------

let codes = 100;
const addressOf = (loginId: string) => `${loginId}@example.co.jp`;
const register = (loginId: string, extra: Parameters<typeof registerEmployee>[1] = {}) =>
  registerEmployee(app, { loginId, lastName: '社員', firstName: loginId, code: String(codes++), email1: addressOf(loginId), ...extra });
const state = (id: number) => {
  const e = app.employees.get(id);
  return `${e.password}/${e.verification}`;
};
const exists = (id: number) => (app.db.prepare('SELECT count(*) AS n FROM employees WHERE id = ?').get(id) as { n: number }).n === 1;
const pendingSecrets = () => (app.db.prepare('SELECT count(*) AS n FROM pending_secrets').get() as { n: number }).n;
/** The portal login with this password succeeds (it is the one in force, or a delivered pending one). */
const works = async (loginId: string, password: string) => (await app.portalAuth.login(loginId, password)) !== null;
const kioskWorks = async (code: string, passcode: string) =>
  app.punches.punchWithPasscode(code, passcode, 'in', randomBytes(16).toString('base64url')).then(() => true, () => false);

const mails = (subject: string, to?: string) => smtp.mails.filter((m) => m.subject === subject && (to === undefined || m.to === to));
const passwordIn = (text: string) => /^パスワード：(\S+)$/m.exec(text)![1]!;
const linkIn = (text: string) => /^(http:\/\/\S+\/verify\/[0-9a-z]{9}[A-Za-z0-9_-]{43})$/m.exec(text)![1]!;
const linkTo = async (address: string) => linkIn((await smtp.waitForMail((m) => m.subject === VERIFICATION && m.to === address)).text);

/** Each page of a notice: ログインID → the password (or passcode) printed on it. */
async function secretsOf(pdf: Buffer, kind: 'password' | 'passcode'): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  for (const page of await pdfPagesText(pdf)) {
    const lines = page.split('\n');
    secrets.set(lines[lines.indexOf('ログインID') + 1]!, lines[lines.indexOf(kind === 'password' ? 'パスワード' : 'パスコード') + 1]!);
  }
  return secrets;
}

interface Downloaded { status: number; text: string; result: IssueResult; pages: number; secrets: Map<string, string> }

/** What the screen does after 「ダウンロード」: waits for the result while the browser fetches the PDF. */
async function download(tab: AdminTab, issueId: string, kind: 'password' | 'passcode'): Promise<Downloaded> {
  const result = tab.ok('issuance.awaitDownload', { issueId });
  const d = await tab.download(issueId);
  const ok = d.status === 200;
  return {
    status: d.status, text: ok ? '' : d.body.toString('utf8'), result: await result,
    pages: ok ? (await pdfPagesText(d.body)).length : 0, secrets: ok ? await secretsOf(d.body, kind) : new Map(),
  };
}

async function issueFrom(tab: AdminTab, scope: { kind: 'password' | 'passcode'; mode: 'individual' | 'bulk'; ids: number[] }) {
  const prepared = await tab.ok('issuance.preparePdf', scope);
  return download(tab, prepared.issueId, scope.kind);
}

/** The employee opens the link of the mail (GET shows 「認証する」); returns the press of the button. */
async function openLink(link: string): Promise<() => ReturnType<BrowserLikeClient['post']>> {
  const browser = new BrowserLikeClient(portal.url);
  const page = await browser.get(link);
  expect(page.html).toContain(`>${ja.portal.verifyButton}</button>`);
  const csrf = csrfOf(page.html);
  return () => browser.post(link, { _csrf: csrf });
}

const formOf = (e: EmployeeDetail, change: Partial<Record<string, unknown>> = {}) => ({
  id: e.id, version: e.version, loginId: e.loginId, code: e.code, honorific: e.honorific, lastName: e.lastName,
  firstName: e.firstName, department: e.department, email1: e.email1 ?? '', email2: e.email2 ?? '', email3: e.email3 ?? '',
  recorderEnabled: e.recorderEnabled, acceptDuplicateWarnings: true, ...change,
});

const conflict = (message: string) => ({ ok: false, error: { code: 'CONFLICT', message } });

// ---- PDF issuance -------------------------------------------------------------------

describe('a PDF notice of one employee prepared in two tabs, both downloaded at once', () => {
  it.each([['first issue', false], ['reissue', true]])('%s: one notice is delivered and works, the other tab gets its row 対象外 and no PDF', async (_, reissue) => {
    const id = register('sato');
    const old = reissue ? await issueByPdf(app, id, 'password') : null;
    const scope = { kind: 'password', mode: 'individual', ids: [id] } as const;
    const [pa, pb] = await Promise.all([tabA.ok('issuance.preparePdf', scope), tabB.ok('issuance.preparePdf', scope)]);
    const both = await Promise.all([download(tabA, pa.issueId, 'password'), download(tabB, pb.issueId, 'password')]);

    expect(both.map((d) => d.status).sort()).toEqual([200, 409]);
    const winner = both.find((d) => d.status === 200)!;
    const loser = both.find((d) => d.status !== 200)!;
    expect(winner.result.counts).toEqual({ success: 1, failure: 0, excluded: 0 });
    expect(loser.result.counts).toEqual({ success: 0, failure: 0, excluded: 1 });
    expect([ja.issue.changedMeanwhile, ja.issue.inFlightElsewhere]).toContain(loser.result.rows[0]!.note);
    expect(loser.text).toBe(ja.issue.nothingToDownload);

    expect(await works('sato', winner.secrets.get('sato')!)).toBe(true);
    if (old) expect(await works('sato', old)).toBe(false);
    expect(state(id)).toBe('issued/na');
    expect(pendingSecrets()).toBe(0);
  });
});

describe('a stale 「パスワード一括発行」 (PDF): one of its rows issued elsewhere between preparation and download', () => {
  const three = () => [register('kato'), register('kudo'), register('kondo')] as const;

  async function staleBulk(kind: 'password' | 'passcode', meanwhile: (y: number) => Promise<void>, before?: (ids: readonly number[]) => Promise<void>) {
    const [x, y, z] = three();
    await before?.([x, y, z]);
    const pa = await tabA.ok('issuance.preparePdf', { kind, mode: 'bulk', ids: [x, y, z] });
    expect(pa.pages).toBe(3);
    await meanwhile(y);
    const fromA = await download(tabA, pa.issueId, kind);
    expect(fromA.status).toBe(200);
    expect(fromA.result.counts).toEqual({ success: 2, failure: 0, excluded: 1 });
    expect(fromA.result.rows.find((r) => r.employeeId === y)).toMatchObject({ outcome: 'excluded', note: ja.issue.changedMeanwhile });
    expect(fromA.pages).toBe(2); // the notice was made again without that row
    expect([...fromA.secrets.keys()].sort()).toEqual(['kato', 'kondo']);
    return { x, y, z, fromA };
  }

  it('tab B issues it by an individual PDF: B\'s password works, and so do the other two of A\'s notice', async () => {
    let fromB: Downloaded | undefined;
    const { y, fromA } = await staleBulk('password', async (y) => {
      fromB = await issueFrom(tabB, { kind: 'password', mode: 'individual', ids: [y] });
      expect(fromB.status).toBe(200);
    });
    expect(await works('kudo', fromB!.secrets.get('kudo')!)).toBe(true);
    expect(await works('kato', fromA.secrets.get('kato')!)).toBe(true);
    expect(await works('kondo', fromA.secrets.get('kondo')!)).toBe(true);
    expect(state(y)).toBe('issued/na');
    expect(pendingSecrets()).toBe(0);
  });

  it('the employee verifies by mail meanwhile: the mailed password works, A\'s notice has the other two', async () => {
    const { y, fromA } = await staleBulk('password', async (y) => {
      await tabB.ok('mailIssue.sendVerification', { id: y, slot: 1 });
      const press = await openLink(await linkTo(addressOf('kudo')));
      expect((await press()).html).toContain(ja.portal.verifiedTitle);
    });
    expect(mails(ACCOUNT)).toHaveLength(1);
    expect(await works('kudo', passwordIn(mails(ACCOUNT, addressOf('kudo'))[0]!.text))).toBe(true);
    expect(state(y)).toBe('issued/done');
    expect(await works('kato', fromA.secrets.get('kato')!)).toBe(true);
    expect(await works('kondo', fromA.secrets.get('kondo')!)).toBe(true);
  });

  it('「パスコード一括発行」: tab B issues that passcode individually; every delivered passcode works at the kiosk', async () => {
    let fromB: Downloaded | undefined;
    const { fromA } = await staleBulk('passcode', async (y) => {
      fromB = await issueFrom(tabB, { kind: 'passcode', mode: 'individual', ids: [y] });
      expect(fromB.status).toBe(200);
    }, async (ids) => {
      for (const id of ids) await issueByPdf(app, id, 'password'); // punching needs the password 発行済
    });
    const codeOf = (loginId: string) => app.db.prepare('SELECT code FROM employees WHERE login_id = ?').pluck().get(loginId) as string;
    expect(await kioskWorks(codeOf('kudo'), fromB!.secrets.get('kudo')!)).toBe(true);
    expect(await kioskWorks(codeOf('kato'), fromA.secrets.get('kato')!)).toBe(true);
    expect(await kioskWorks(codeOf('kondo'), fromA.secrets.get('kondo')!)).toBe(true);
    expect(pendingSecrets()).toBe(0);
  });
});

// ---- mail verification --------------------------------------------------------------

describe('「認証要求メール送信」 from two tabs at once (allowed by SPEC §4)', () => {
  it.each([[1, 2], [1, 1]] as const)('to slots %i and %i: both mails carry working links, 認証待ち, the later expiry stands', async (slotA, slotB) => {
    const id = register('sato', { email2: 'sato.home@example.jp' });
    const [a, b] = await Promise.all([
      tabA.call('mailIssue.sendVerification', { id, slot: slotA }), tabB.call('mailIssue.sendVerification', { id, slot: slotB }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(mails(VERIFICATION)).toHaveLength(2);
    expect(state(id)).toBe('issuing/waiting');
    const expiries = app.db.prepare('SELECT expires_at FROM verification_links WHERE employee_id = ? AND revoked_at IS NULL').pluck().all(id) as number[];
    expect(expiries).toHaveLength(2);
    expect(app.employees.get(id).verificationExpiresAt).toBe(Math.max(...expiries));

    const links = mails(VERIFICATION).map((m) => linkIn(m.text));
    const presses = await Promise.all(links.map(openLink)); // both links open 「認証する」
    expect((await presses[0]!()).html).toContain(ja.portal.verifiedTitle);
    expect(mails(ACCOUNT)).toHaveLength(1);
    expect(await works('sato', passwordIn(mails(ACCOUNT)[0]!.text))).toBe(true);
    expect(state(id)).toBe('issued/done');
  });
});

describe('「アカウント通知メール送信」 from two tabs at once', () => {
  it('one mail; the other tab is told a password is on its way; the mailed password replaces the old one', async () => {
    const id = register('sato');
    const old = await issueByPdf(app, id, 'password');
    gate.close(); // the winner's mail stays on its way until both tabs were answered
    const calls = [tabA, tabB].map((tab) => tab.call('mailIssue.sendAccountMail', { id, slot: 1 }));
    const first = await Promise.race(calls.map((c, i) => c.then((answer) => ({ i, answer }))));
    expect(first.answer).toMatchObject(conflict(ja.mailIssue.inFlight));
    expect(await works('sato', old)).toBe(true); // not delivered yet: the old password still works
    gate.open();
    expect((await calls[1 - first.i]!).ok).toBe(true);

    expect(mails(ACCOUNT)).toHaveLength(1);
    expect(await works('sato', passwordIn(mails(ACCOUNT)[0]!.text))).toBe(true);
    expect(await works('sato', old)).toBe(false);
    expect(state(id)).toBe('issued/done');
  });
});

describe('「認証する」 on the portal and 「認証要求の取り消し」 in the admin at the same moment', () => {
  /** One round: checks the state the winner leaves; returns who won. */
  async function round(loginId: string, at: 'together' | 'whileAccountMailOnItsWay'): Promise<'verified' | 'cancelled'> {
    const id = register(loginId);
    await tabA.ok('mailIssue.sendVerification', { id, slot: 1 });
    const link = await linkTo(addressOf(loginId));
    const press = await openLink(link);
    let page: Awaited<ReturnType<typeof press>>;
    let cancel: Awaited<ReturnType<AdminTab['call']>>;
    if (at === 'together') {
      [page, cancel] = await Promise.all([press(), tabB.call('mailIssue.cancel', { id })]);
    } else {
      gate.close();
      const arrived = gate.arrivals(gate.count + 1);
      const pressing = press();
      await arrived;
      cancel = await tabB.call('mailIssue.cancel', { id });
      expect(cancel).toMatchObject(conflict(ja.mailIssue.inFlight));
      gate.open();
      page = await pressing;
    }
    const account = mails(ACCOUNT, addressOf(loginId));
    if (page.html.includes(ja.portal.verifiedTitle)) {
      expect(cancel.ok).toBe(false);
      expect([ja.mailIssue.inFlight, ja.mailIssue.nothingToCancel]).toContain(!cancel.ok && cancel.error.message);
      expect(account).toHaveLength(1);
      expect(await works(loginId, passwordIn(account[0]!.text))).toBe(true);
      expect(state(id)).toBe('issued/done');
      return 'verified';
    }
    expect(cancel.ok).toBe(true);
    // the cancel ended the link's issuance first: its own page says so (410), not the unknown-link page
    expect(page.status).toBe(410);
    expect(page.html).toContain(ja.portal.revokedTitle);
    expect(account).toHaveLength(0);
    expect(state(id)).toBe('unissued/none');
    expect((await new BrowserLikeClient(portal.url).get(link)).html).toContain(ja.portal.revokedTitle);
    return 'cancelled';
  }

  it('released together, several times: each round one wins and the state is whole', async () => {
    const winners: string[] = [];
    for (let i = 0; i < 4; i++) winners.push(await round(`race${i}`, 'together'));
    expect(winners).toHaveLength(4);
    expect(pendingSecrets()).toBe(0);
  });

  it('the cancel arriving while the account mail is on its way is refused, and the mailed password works', async () => {
    expect(await round('sato', 'whileAccountMailOnItsWay')).toBe('verified');
  });
});

describe('「認証する」 on the portal and 「アカウント通知メール送信」 in the admin at the same moment (a reissue)', () => {
  async function reissueWaiting(loginId: string) {
    const id = register(loginId);
    const old = await issueByPdf(app, id, 'password');
    await tabA.ok('mailIssue.sendVerification', { id, slot: 1 });
    expect(state(id)).toBe('reissuing/waiting');
    return { id, old, press: await openLink(await linkTo(addressOf(loginId))) };
  }

  it('released together, several times: one account mail per round, and its password is the one in force', async () => {
    for (let i = 0; i < 3; i++) {
      const loginId = `race${i}`;
      const { id, old, press } = await reissueWaiting(loginId);
      const [page, sent] = await Promise.all([press(), tabB.call('mailIssue.sendAccountMail', { id, slot: 1 })]);
      expect(page.status).toBeLessThan(500);
      expect(page.html).not.toContain(ja.portal.verifyUnavailableTitle); // nothing failed to be stored
      if (!sent.ok) expect([ja.mailIssue.inFlight, ja.validation.changedElsewhere]).toContain(sent.error.message);
      // exactly one of the two delivered a password
      expect(page.html.includes(ja.portal.verifiedTitle)).toBe(!sent.ok);
      const account = mails(ACCOUNT, addressOf(loginId));
      expect(account).toHaveLength(1);
      expect(await works(loginId, passwordIn(account[0]!.text))).toBe(true);
      expect(await works(loginId, old)).toBe(false);
      expect(state(id)).toBe('issued/done');
    }
  });

  it('pressed while the administrator\'s account mail is on its way: told to wait, not that the system failed; the mailed password works', async () => {
    const { id, press } = await reissueWaiting('sato');
    gate.close();
    const arrived = gate.arrivals(gate.count + 1);
    const sending = tabB.call('mailIssue.sendAccountMail', { id, slot: 1 });
    await arrived;
    const page = await press();
    expect(page.status).toBe(409);
    expect(page.html).toContain(ja.portal.busyTitle);
    gate.open();
    expect((await sending).ok).toBe(true);
    expect(mails(ACCOUNT)).toHaveLength(1);
    expect(await works('sato', passwordIn(mails(ACCOUNT)[0]!.text))).toBe(true);
    expect(state(id)).toBe('issued/done');
  });
});

describe('a PDF download in the admin and 「認証する」 on the portal at the same moment', () => {
  it('released together, several times: exactly one password is delivered, and it is the one that works', async () => {
    for (let i = 0; i < 3; i++) {
      const loginId = `race${i}`;
      const id = register(loginId);
      await tabA.ok('mailIssue.sendVerification', { id, slot: 1 });
      const link = await linkTo(addressOf(loginId));
      const press = await openLink(link);
      const prepared = await tabB.ok('issuance.preparePdf', { kind: 'password', mode: 'individual', ids: [id] });
      const [page, pdf] = await Promise.all([press(), download(tabB, prepared.issueId, 'password')]);
      const account = mails(ACCOUNT, addressOf(loginId));
      expect(page.status).toBeLessThan(500);
      if (page.html.includes(ja.portal.verifiedTitle)) {
        expect(pdf.status).toBe(409);
        expect(pdf.result.counts).toEqual({ success: 0, failure: 0, excluded: 1 });
        expect(account).toHaveLength(1);
        expect(await works(loginId, passwordIn(account[0]!.text))).toBe(true);
        expect(state(id)).toBe('issued/done');
      } else {
        expect(pdf.status).toBe(200);
        expect([ja.portal.busyTitle, ja.portal.revokedTitle].filter((t) => page.html.includes(t))).toHaveLength(1);
        expect(account).toHaveLength(0);
        expect(await works(loginId, pdf.secrets.get(loginId)!)).toBe(true);
        expect(state(id)).toBe('issued/na');
        expect((await new BrowserLikeClient(portal.url).get(link)).html).toContain(ja.portal.revokedTitle); // the PDF ended the issuance
      }
    }
    expect(pendingSecrets()).toBe(0);
  });
});

describe('the pinned orders of the two races above', () => {
  it('「認証する」 first (its account mail on its way), then the PDF download: the notice is 対象外, the mailed password works', async () => {
    const id = register('sato');
    await tabA.ok('mailIssue.sendVerification', { id, slot: 1 });
    const press = await openLink(await linkTo(addressOf('sato')));
    const prepared = await tabB.ok('issuance.preparePdf', { kind: 'password', mode: 'individual', ids: [id] });
    gate.close();
    const arrived = gate.arrivals(gate.count + 1);
    const pressing = press();
    await arrived;
    const pdf = await download(tabB, prepared.issueId, 'password');
    expect(pdf.status).toBe(409);
    expect(pdf.result.rows[0]).toMatchObject({ outcome: 'excluded', note: ja.issue.inFlightElsewhere });
    gate.open();
    expect((await pressing).html).toContain(ja.portal.verifiedTitle);
    expect(await works('sato', passwordIn(mails(ACCOUNT)[0]!.text))).toBe(true);
    expect(state(id)).toBe('issued/done');
  });

  it('「認証する」 first (its account mail on its way), then 「アカウント通知メール送信」: the administrator is told a password is on its way', async () => {
    const id = register('sato');
    const old = await issueByPdf(app, id, 'password');
    await tabA.ok('mailIssue.sendVerification', { id, slot: 1 });
    const press = await openLink(await linkTo(addressOf('sato')));
    gate.close();
    const arrived = gate.arrivals(gate.count + 1);
    const pressing = press();
    await arrived;
    expect(await tabB.call('mailIssue.sendAccountMail', { id, slot: 1 })).toMatchObject(conflict(ja.mailIssue.inFlight));
    gate.open();
    expect((await pressing).html).toContain(ja.portal.verifiedTitle);
    expect(mails(ACCOUNT)).toHaveLength(1);
    expect(await works('sato', passwordIn(mails(ACCOUNT)[0]!.text))).toBe(true);
    expect(await works('sato', old)).toBe(false);
  });
});

describe('the employee\'s first login and 「アカウント通知メール送信」 at the same moment (a reissue)', () => {
  it('released together, several times: the password in force afterwards is the last one delivered, and only it works', async () => {
    for (let i = 0; i < 3; i++) {
      const loginId = `race${i}`;
      const id = register(loginId);
      await issueByPdf(app, id, 'password');
      await tabA.ok('mailIssue.sendVerification', { id, slot: 1 });
      expect((await (await openLink(await linkTo(addressOf(loginId))))()).html).toContain(ja.portal.verifiedTitle);
      const first = passwordIn(mails(ACCOUNT, addressOf(loginId))[0]!.text);
      expect(state(id)).toBe('reissuing/verified');

      const employee = new BrowserLikeClient(portal.url);
      const form = await employee.get('/login');
      const [login, sent] = await Promise.all([
        employee.post('/login', { _csrf: csrfOf(form.html), loginId, password: first }), tabB.call('mailIssue.sendAccountMail', { id, slot: 1 }),
      ]);
      expect(login.status).toBeLessThan(500);
      const account = mails(ACCOUNT, addressOf(loginId));
      if (sent.ok) {
        // the second password replaced the first, and the session the first one opened (if it did) ended with it
        expect(account).toHaveLength(2);
        expect(await works(loginId, passwordIn(account[1]!.text))).toBe(true);
        expect(await works(loginId, first)).toBe(false);
        expect((await employee.get('/')).location).toBe('/login');
      } else {
        // the login completed the issuance before the administrator's mail could leave: nothing was mailed
        expect(sent.error).toMatchObject({ code: 'CONFLICT', message: ja.validation.changedElsewhere });
        expect(account).toHaveLength(1);
        expect(state(id)).toBe('issued/done');
        expect(await works(loginId, first)).toBe(true);
      }
      expect(pendingSecrets()).toBe(0);
    }
  });
});

describe('「認証する」 pressed twice at once', () => {
  it('on one link (a double click): one account mail', async () => {
    const id = register('sato');
    await tabA.ok('mailIssue.sendVerification', { id, slot: 1 });
    const press = await openLink(await linkTo(addressOf('sato')));
    const pages = await Promise.all([press(), press()]);
    for (const p of pages) expect(p.status).toBe(200);
    expect(pages.map((p) => p.html.includes(ja.portal.verifiedTitle) || p.html.includes(ja.portal.usedTitle))).toEqual([true, true]);
    expect(mails(ACCOUNT)).toHaveLength(1);
    expect(await works('sato', passwordIn(mails(ACCOUNT)[0]!.text))).toBe(true);
    expect(state(id)).toBe('issued/done');
  });

  it('on two links of the same issuance (two addresses), in two browsers: one account mail', async () => {
    const id = register('sato', { email2: 'sato.home@example.jp' });
    await tabA.ok('mailIssue.sendVerification', { id, slot: 1 });
    await tabA.ok('mailIssue.sendVerification', { id, slot: 2 });
    const presses = await Promise.all([openLink(await linkTo(addressOf('sato'))), openLink(await linkTo('sato.home@example.jp'))]);
    const pages = await Promise.all(presses.map((press) => press()));
    expect(mails(ACCOUNT)).toHaveLength(1);
    expect(pages.filter((p) => p.html.includes(ja.portal.verifiedTitle))).toHaveLength(1);
    // the other: told to wait (its press came while the first one's mail was on its way) or that its link died with it
    const other = pages.find((p) => !p.html.includes(ja.portal.verifiedTitle))!;
    expect([ja.portal.busyTitle, ja.portal.usedElsewhereTitle].filter((t) => other.html.includes(t))).toHaveLength(1);
    expect(await works('sato', passwordIn(mails(ACCOUNT)[0]!.text))).toBe(true);
    expect(state(id)).toBe('issued/done');
  });
});

describe('「認証要求の取り消し」 from two tabs at once', () => {
  it('one cancels, the other is told there is nothing to cancel', async () => {
    const id = register('sato');
    await tabA.ok('mailIssue.sendVerification', { id, slot: 1 });
    const link = await linkTo(addressOf('sato'));
    const answers = await Promise.all([tabA.call('mailIssue.cancel', { id }), tabB.call('mailIssue.cancel', { id })]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject(conflict(ja.mailIssue.nothingToCancel));
    expect(state(id)).toBe('unissued/none');
    expect((await new BrowserLikeClient(portal.url).get(link)).html).toContain(ja.portal.revokedTitle);
  });
});

// ---- マイページ編集 ----------------------------------------------------------------

describe('a stale マイページ編集', () => {
  it('tab B saved タイムレコーダー 無効 after tab A loaded the form: A\'s save is refused, B\'s value stays', async () => {
    const id = register('sato');
    const loadedA = await tabA.ok('employees.get', { id });
    const loadedB = await tabB.ok('employees.get', { id });
    expect((await tabB.ok('employees.update', formOf(loadedB, { recorderEnabled: false }))).status).toBe('saved');
    const stale = await tabA.call('employees.update', formOf(loadedA, { recorderEnabled: true, department: '営業部' }));
    expect(stale).toMatchObject(conflict(ja.validation.changedElsewhere));
    expect(app.employees.get(id)).toMatchObject({ recorderEnabled: false, department: '本社' });
  });

  it('two tabs save the same loaded form at once: one is saved, the other refused', async () => {
    const id = register('sato');
    const loaded = await tabA.ok('employees.get', { id });
    const answers = await Promise.all([
      tabA.call('employees.update', formOf(loaded, { department: '営業部' })), tabB.call('employees.update', formOf(loaded, { department: '総務部' })),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject(conflict(ja.validation.changedElsewhere));
    const saved = answers.findIndex((a) => a.ok);
    expect(app.employees.get(id).department).toBe(saved === 0 ? '営業部' : '総務部');
  });

  it('the employee changed the addresses on the portal after tab A loaded the form: A\'s save is refused', async () => {
    const id = register('sato');
    const password = await issueByPdf(app, id, 'password');
    const loaded = await tabA.ok('employees.get', { id });

    const employee = new BrowserLikeClient(portal.url);
    const login = await employee.get('/login');
    expect((await employee.post('/login', { _csrf: csrfOf(login.html), loginId: 'sato', password })).status).toBe(200);
    const form = await employee.get('/mypage/addresses');
    const saved = await employee.post('/mypage/addresses', {
      _csrf: csrfOf(form.html), email1: 'sato.new@example.co.jp', email2: '', email3: '', currentPassword: password,
    });
    expect(saved.status).toBe(200);
    expect(app.employees.get(id).email1).toBe('sato.new@example.co.jp');

    const stale = await tabA.call('employees.update', formOf(loaded, { recorderEnabled: false }));
    expect(stale).toMatchObject(conflict(ja.validation.changedElsewhere));
    expect(app.employees.get(id)).toMatchObject({ email1: 'sato.new@example.co.jp', recorderEnabled: true });
  });
});

// ---- bulk mail ----------------------------------------------------------------------

describe('「認証要求メール送信 N」 (bulk)', () => {
  it('started from two tabs at once: one job, the other tab told one is running; one mail each', async () => {
    const ids = [register('kato'), register('kudo'), register('kondo')];
    const items = ids.map((id) => ({ id, slot: 1 }));
    gate.close(); // the job cannot finish before both tabs were answered
    const answers = await Promise.all([tabA.call('bulkMail.start', { items }), tabB.call('bulkMail.start', { items })]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject(conflict(ja.bulkMail.alreadyRunning));
    gate.open();
    await app.bulkMail.idle();
    expect(app.db.prepare('SELECT count(*) FROM mail_jobs').pluck().get()).toBe(1);
    for (const login of ['kato', 'kudo', 'kondo']) expect(mails(VERIFICATION, addressOf(login))).toHaveLength(1);
    for (const id of ids) expect(state(id)).toBe('issuing/waiting');
  });

  it('started after another tab deleted one of its rows: that row is 対象外, the others are sent', async () => {
    const ids = [register('kato'), register('kudo'), register('kondo')];
    const preview = await tabA.ok('bulkMail.preview', { ids });
    expect(preview.rows.filter((r) => r.eligible)).toHaveLength(3);
    expect(await tabB.ok('employees.delete', { ids: [ids[1]] })).toEqual({ deleted: 1 });
    const started = await tabA.call('bulkMail.start', { items: ids.map((id) => ({ id, slot: 1 })) });
    expect(started.ok).toBe(true);
    await app.bulkMail.idle();
    const status = await tabA.ok('bulkMail.status', { jobId: started.ok ? started.result.jobId : '' });
    expect(status).toMatchObject({ total: 3, sent: 2, excluded: 1, pending: 0 });
    expect(status.rows.find((r) => r.state === 'excluded')).toMatchObject({ note: ja.issue.notFound });
    expect(mails(VERIFICATION).map((m) => m.to).sort()).toEqual([addressOf('kato'), addressOf('kondo')]);
    expect(exists(ids[1]!)).toBe(false);
  });

  it('an employee listed twice in one start is sent one mail', async () => {
    const [p, q] = [register('kato', { email2: 'kato.home@example.jp' }), register('kudo')];
    const started = await tabA.ok('bulkMail.start', { items: [{ id: p, slot: 1 }, { id: q, slot: 1 }, { id: p, slot: 1 }, { id: p, slot: 2 }] });
    expect(started.total).toBe(2);
    await app.bulkMail.idle();
    expect(mails(VERIFICATION)).toHaveLength(2);
    expect(mails(VERIFICATION, addressOf('kato'))).toHaveLength(1);
    expect(mails(VERIFICATION, addressOf('kudo'))).toHaveLength(1);
  });
});

// ---- deletion while work is on its way -----------------------------------------------

describe('an employee deleted by another tab while its secret is on its way', () => {
  const rows = (table: string, id: number) => app.db.prepare(`SELECT count(*) FROM ${table} WHERE employee_id = ?`).pluck().get(id);
  const noTrace = (id: number) => {
    expect(exists(id)).toBe(false);
    for (const table of ['pending_secrets', 'verification_links', 'mail_history', 'portal_sessions']) expect(rows(table, id)).toBe(0);
  };

  it.each(['before the download', 'pdf.reserved', 'pdf.delivered'] as const)('its PDF download, deleted %s: the download ends, the others\' passwords work, no row comes back', async (point) => {
    const [x, y, z] = [register('kato'), register('kudo'), register('kondo')];
    const prepared = await tabA.ok('issuance.preparePdf', { kind: 'password', mode: 'bulk', ids: [x, y, z] });
    const ctxB = { sessionId: tabB.sessionId, setSession() {} };
    let deletion: Promise<CallOutcome> | null = null;
    let goneAtThatInstant = false;
    if (point === 'before the download') {
      expect(await tabB.ok('employees.delete', { ids: [y] })).toEqual({ deleted: 1 });
    } else {
      // the other tab's call, through the same dispatcher, runs at that very point of the download
      setCheckpointHook((p: Checkpoint) => {
        if (p !== point || deletion) return;
        deletion = app.dispatcher.dispatch('employees.delete', { ids: [y] }, ctxB);
        goneAtThatInstant = !exists(y);
      });
    }
    const fromA = await download(tabA, prepared.issueId, 'password');
    setCheckpointHook(null);
    if (deletion) {
      expect(goneAtThatInstant).toBe(true);
      expect(await deletion).toMatchObject({ ok: true, result: { deleted: 1 } });
    }
    expect(fromA.status).toBe(200);
    expect(fromA.result.counts.failure).toBe(0);
    // nothing was put in force for the deleted employee, and the result says so
    expect(fromA.result.rows.find((r) => r.employeeId === y)).toMatchObject({ outcome: 'excluded', note: ja.issue.notFound });
    if (point === 'before the download') expect(fromA.pages).toBe(2);
    expect(await works('kato', fromA.secrets.get('kato')!)).toBe(true);
    expect(await works('kondo', fromA.secrets.get('kondo')!)).toBe(true);
    if (fromA.secrets.has('kudo')) expect(await works('kudo', fromA.secrets.get('kudo')!)).toBe(false);
    noTrace(y);
    expect(pendingSecrets()).toBe(0);
  });

  it('its 「アカウント通知メール送信」: the sending tab gets a clear answer, the mailed password opens nothing, no row comes back', async () => {
    const id = register('sato');
    await issueByPdf(app, id, 'password');
    gate.close();
    const arrived = gate.arrivals(1);
    const sending = tabA.call('mailIssue.sendAccountMail', { id, slot: 1 });
    await arrived;
    expect(await tabB.ok('employees.delete', { ids: [id] })).toEqual({ deleted: 1 });
    gate.open();
    const answer = await sending;
    if (!answer.ok) expect(answer.error).toMatchObject({ code: 'NOT_FOUND', message: ja.validation.notFound });
    expect(mails(ACCOUNT)).toHaveLength(1);
    expect(await works('sato', passwordIn(mails(ACCOUNT)[0]!.text))).toBe(false);
    noTrace(id);
  });

  it('its 「認証する」 account mail: the page answers, no row comes back', async () => {
    const id = register('sato');
    await tabA.ok('mailIssue.sendVerification', { id, slot: 1 });
    const press = await openLink(await linkTo(addressOf('sato')));
    gate.close();
    const arrived = gate.arrivals(2);
    const pressing = press();
    await arrived;
    expect(await tabB.ok('employees.delete', { ids: [id] })).toEqual({ deleted: 1 });
    gate.open();
    expect((await pressing).status).toBeLessThan(500);
    expect(await works('sato', passwordIn(mails(ACCOUNT)[0]!.text))).toBe(false);
    noTrace(id);
  });

  it('its bulk verification mail: the job ends, the others wait with working links, no row comes back', async () => {
    const ids = [register('kato'), register('kudo'), register('kondo')];
    gate.close();
    const arrived = gate.arrivals(3);
    const started = await tabA.ok('bulkMail.start', { items: ids.map((id) => ({ id, slot: 1 })) });
    await arrived;
    expect(await tabB.ok('employees.delete', { ids: [ids[1]] })).toEqual({ deleted: 1 });
    gate.open();
    await app.bulkMail.idle();
    const status = await tabA.ok('bulkMail.status', { jobId: started.jobId });
    expect(status).toMatchObject({ total: 3, pending: 0, running: false });
    noTrace(ids[1]!);
    for (const id of [ids[0]!, ids[2]!]) expect(state(id)).toBe('issuing/waiting');
    const link = linkIn(mails(VERIFICATION, addressOf('kato'))[0]!.text);
    expect((await (await openLink(link))()).html).toContain(ja.portal.verifiedTitle);
  });
});
