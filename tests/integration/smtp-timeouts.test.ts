/**
 * Every SMTP transport gives up on a server that stops answering, and says so with the time it
 * waited: `--smtp-url`, the stored settings, and the bulk send's pooled transport in the mail
 * worker. Real tarpits on loopback; the waits are shortened through the composition's option
 * (the production values are SMTP_TIMEOUTS).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, type App, type CompositionOptions } from '../../main/composition';
import { SMTP_TIMEOUTS } from '../../main/services/mail/mail-sender';
import { explainSendFailure } from '../../main/services/smtp-service';
import { silentLogger } from '../../main/services/support/logger';
import { writeAccountSettings } from '../../db/queries/settings';
import { startTarpit } from '../support/tarpit-smtp';
import { makeTempDir } from '../support/temp-dir';
import { issueByPdf } from '../support/issue-by-pdf';
import { registerEmployee } from '../support/test-app';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// distinct values, so that the message shows which wait ran out
const TIMEOUTS = { connectionTimeout: 800, greetingTimeout: 400, socketTimeout: 600 };
const noAnswer = (seconds: string) => `メールサーバーから応答がありません（${seconds}秒）。サーバー名・ポートを確認してください。`;

async function appWith(opts: Partial<CompositionOptions>): Promise<App> {
  const tmp = makeTempDir();
  cleanups.push(tmp.remove);
  const app = composeApp({ dataDir: tmp.dir, logger: silentLogger, smtpTimeouts: TIMEOUTS, ...opts });
  cleanups.push(() => app.close());
  return app;
}

async function tarpit(kind: 'silent' | 'afterData') {
  const t = await startTarpit(kind);
  cleanups.push(() => t.close());
  return t;
}

describe('an SMTP server that never answers', () => {
  it('--smtp-url: 「テスト送信」 to a server that accepts and never greets gives up after the greeting wait, naming it', async () => {
    const server = await tarpit('silent');
    const app = await appWith({ smtpUrl: server.url });
    await expect(app.smtp.test('someone@example.co.jp')).rejects.toThrow(noAnswer('0.4'));
    expect(server.connections()).toBe(1);
  }, 10_000);

  it('--smtp-url: a verification mail to a server that falls silent after the end of DATA gives up after the socket wait; it may have arrived, so its link stays valid and the history says uncertain', async () => {
    const server = await tarpit('afterData');
    const app = await appWith({ smtpUrl: server.url });
    writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
    const id = registerEmployee(app, { loginId: 'tanaka', email1: 'tanaka@example.co.jp' });
    await expect(app.verification.sendVerification(id, 1)).rejects.toThrow(noAnswer('0.6'));
    expect(app.employees.get(id)).toMatchObject({ password: 'issuing', verification: 'waiting' });
    expect(app.db.prepare('SELECT count(*) AS n FROM verification_links WHERE revoked_at IS NULL').get()).toEqual({ n: 1 });
    expect(app.verification.view(id).history[0]).toMatchObject({ kind: 'verification', result: 'uncertain' });
  }, 10_000);

  it('an account mail to a server that falls silent after the end of DATA: the old password and the mailed one both work', async () => {
    const server = await tarpit('afterData');
    const app = await appWith({ smtpUrl: server.url });
    writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
    const id = registerEmployee(app, { loginId: 'tanaka', email1: 'tanaka@example.co.jp' });
    const old = await issueByPdf(app, id, 'password');
    await expect(app.verification.sendAccountMail(id, 1)).rejects.toThrow(noAnswer('0.6'));
    expect(app.verification.view(id).history[0]).toMatchObject({ kind: 'account', result: 'uncertain' });
    expect(app.db.prepare("SELECT count(*) AS n FROM pending_secrets WHERE run_id = 'uncertain'").get()).toEqual({ n: 1 });
    expect(await app.portalAuth.login('tanaka', old)).not.toBeNull();
    // nothing is held up: the administrator can send again at once (here: to the same silent server)
    await expect(app.verification.sendAccountMail(id, 1)).rejects.toThrow(noAnswer('0.6'));
  }, 10_000);

  it('the stored settings\' transport gives up too', async () => {
    const server = await tarpit('silent');
    const app = await appWith({});
    app.smtp.update({
      host: '127.0.0.1', port: server.port, security: 'none', user: '', password: null,
      fromAddress: 'focus-u@example.co.jp', fromName: 'Focus U', ratePerMinute: 0,
    });
    await expect(app.smtp.test('someone@example.co.jp')).rejects.toThrow(noAnswer('0.4'));
  }, 10_000);

  it('the bulk send\'s pooled transport in the mail worker gives up too, as a temporary failure', async () => {
    const server = await tarpit('afterData');
    const app = await appWith({ smtpUrl: server.url });
    const batch = app.smtp.batchSender(2);
    try {
      const failure = await batch.send({ to: 'a@example.co.jp', subject: 'x', text: 'y' }).then(() => null, (e: unknown) => e);
      expect(failure).toMatchObject({ permanent: false, timeoutMs: 600 });
      expect(explainSendFailure(failure).message).toBe(noAnswer('0.6'));
    } finally {
      batch.close();
    }
  }, 10_000);

  it('production waits: 15 s to connect and be greeted, 60 s of silence mid-conversation', () => {
    expect(SMTP_TIMEOUTS).toEqual({ connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
  });
});
