import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../main/api/dispatcher';
import { composeApp, type App } from '../../main/composition';
import { writePdfFile } from '../../main/services/pdf/write-pdf-file';
import { consoleLogger } from '../../main/services/support/logger';
import { FakeClock } from '../support/fake-clock';
import { startTestSmtpServer, SMTP_PASS, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';

let app: App;
let smtp: TestSmtpServer;
let tmp: ReturnType<typeof makeTempDir>;
let clock: FakeClock;
/** everything the app wrote to its log during the test */
let logLines: string[];
const ADMIN_PASSWORD = 'admin secret 1234';

/** A screen's session, as the transports keep it. */
const session = (): CallContext => ({ sessionId: null, setSession(id) { this.sessionId = id; } });

beforeEach(async () => {
  smtp = await startTestSmtpServer();
  tmp = makeTempDir();
  clock = new FakeClock();
  logLines = [];
  app = composeApp({
    dataDir: tmp.dir, clock, logger: consoleLogger((line) => logLines.push(line)), smtpUrl: smtp.url,
    desktop: { saveToFile: async (pdf) => { await writePdfFile(`${tmp.dir}/n.pdf`, pdf); return 'delivered'; }, print: async () => 'cancelled' },
  });
});
afterEach(async () => {
  await app.close();
  await smtp.close();
  tmp.remove();
});

async function call(ctx: CallContext, method: string, input: unknown) {
  const outcome = await app.dispatcher.dispatch(method, input, ctx);
  clock.advance(1000);
  return outcome;
}

describe('操作ログ', () => {
  it('records every administrator action with actor, targets and result, and never a secret', async () => {
    const ctx = session();
    await call(ctx, 'auth.setup', { companyName: '株式会社ログ', adminLastName: '管理', loginId: 'admin', password: ADMIN_PASSWORD });
    await call(session(), 'auth.login', { loginId: 'admin', password: 'wrong password' });
    await call(ctx, 'settings.updateAccount', { notifyMethod: 'mail', verificationDays: 5, requirePasswordChange: true });
    await call(ctx, 'smtp.update', { host: 'smtp.example.co.jp', port: 587, security: 'starttls', user: 'u', password: SMTP_PASS, fromAddress: 'a@example.co.jp', fromName: 'x', ratePerMinute: 0 });
    const created = await call(ctx, 'employees.create', {
      loginId: 'tanaka', code: '0011', honorific: '', lastName: '田中', firstName: '太郎', department: '', email1: 't@example.co.jp', email2: '', email3: '', recorderEnabled: true,
    });
    const id = ((created as { result: { employee: { id: number } } }).result.employee.id);
    await call(ctx, 'mailIssue.sendVerification', { id, slot: 1 });
    const preview = await call(ctx, 'issuance.preparePdf', { kind: 'password', mode: 'individual', ids: [id] });
    await call(ctx, 'issuance.saveToFile', { issueId: (preview as { result: { issueId: string } }).result.issueId });
    await call(ctx, 'employees.delete', { ids: [id] });

    const log = app.audit.list({ from: null, to: null, action: null, employee: null, page: 1, pageSize: 100 });
    expect(log.rows.map((r) => [r.action, r.result, r.actor, r.targets.map((t) => t.loginId).join(), r.detail]).reverse()).toEqual([
      ['初期設定', 'ok', 'admin', '', ''],
      ['ログイン', 'error', 'admin', '', 'ログインIDまたはパスワードが正しくありません。'],
      ['設定変更', 'ok', '管理（admin）', '', '通知手段: メール、認証要求メール有効期間: 5日間'],
      ['設定変更', 'ok', '管理（admin）', '', 'メール送信 smtp.example.co.jp:587'],
      ['社員登録', 'ok', '管理（admin）', 'tanaka', ''],
      ['認証要求メール送信', 'ok', '管理（admin）', 'tanaka', 'メールアドレス1'],
      ['PDF発行', 'ok', '管理（admin）', 'tanaka', 'パスワード 保存 成功1件 失敗0件 対象外0件'],
      ['社員削除', 'ok', '管理（admin）', 'tanaka', ''], // named although deleted
    ]);

    const everything = JSON.stringify(app.db.prepare('SELECT * FROM audit_log').all());
    const link = smtp.mails[0]!.text.match(/verify\/(\S+)/)![1]!;
    const logFile = logLines.join('\n');
    expect(logFile).toContain('pdf issue committed'); // the log file did record the work…
    for (const secret of [ADMIN_PASSWORD, 'wrong password', SMTP_PASS, link]) {
      expect(everything).not.toContain(secret);
      expect(logFile).not.toContain(secret); // …and no secret, in the 操作ログ nor in the log file
    }
  });

  it('names the ID a failed login tried only when it is an administrator\'s: a password typed into the ID field leaves no trace', async () => {
    const ctx = session();
    await call(ctx, 'auth.setup', { companyName: '株式会社ログ', adminLastName: '管理', loginId: 'admin', password: ADMIN_PASSWORD });
    await call(ctx, 'employees.create', {
      loginId: 'tanaka', code: '', honorific: '', lastName: '田中', firstName: '', department: '', email1: '', email2: '', email3: '', recorderEnabled: true,
    });
    const typedIntoTheIdField = ['Kanri#Pass 2026!', 'hunter2hunter2', 'tanaka'];
    for (const loginId of [...typedIntoTheIdField, 'admin']) await call(session(), 'auth.login', { loginId, password: 'wrong password' });
    const logins = app.audit.list({ from: null, to: null, action: 'ログイン', employee: null, page: 1, pageSize: 100 }).rows.reverse();
    // not an ID at all; the shape of one but nobody's; an employee who is not an administrator; the administrator
    expect(logins.map((r) => [r.actor, r.result])).toEqual([
      ['（不明なID）', 'error'], ['（不明なID）', 'error'], ['（不明なID）', 'error'], ['admin', 'error'],
    ]);
    const everything = JSON.stringify(app.db.prepare('SELECT * FROM audit_log').all());
    const csv = Buffer.from(app.audit.exportCsv({ from: null, to: null, action: null, employee: null }, 'utf8').contentBase64, 'base64').toString('utf8');
    for (const typed of typedIntoTheIdField.slice(0, 2)) {
      expect(everything).not.toContain(typed);
      expect(csv).not.toContain(typed);
      expect(logLines.join('\n')).not.toContain(typed);
    }
  });

  it('filters by date, action and employee, and exports CSV', async () => {
    const ctx = session();
    await call(ctx, 'auth.setup', { companyName: '株式会社ログ', adminLastName: '管理', loginId: 'admin', password: ADMIN_PASSWORD });
    const start = clock.now();
    for (const [loginId, lastName] of [['sato', '佐藤'], ['suzuki', '鈴木']]) {
      await call(ctx, 'employees.create', {
        loginId, code: '', honorific: '', lastName, firstName: '', department: '', email1: '', email2: '', email3: '', recorderEnabled: true,
      });
    }
    const list = (f: Partial<{ from: number; to: number; action: string; employee: string }>) =>
      app.audit.list({ from: null, to: null, action: null, employee: null, page: 1, pageSize: 100, ...f }).rows.map((r) => r.targets[0]?.loginId ?? r.action);
    expect(list({ action: '社員登録' })).toEqual(['suzuki', 'sato']);
    expect(list({ employee: '佐藤' })).toEqual(['sato']);
    expect(list({ employee: 'suz' })).toEqual(['suzuki']);
    expect(list({ from: start, to: start + 1 })).toEqual(['sato']);
    const csv = app.audit.exportCsv({ from: null, to: null, action: '社員登録', employee: null }, 'utf8');
    const text = Buffer.from(csv.contentBase64, 'base64').subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('日時,操作者,操作,対象社員,結果,内容');
    expect(text).toContain('管理（admin）,社員登録,鈴木（suzuki）,成功');
    expect(csv.rows).toBe(2);
  });
});
