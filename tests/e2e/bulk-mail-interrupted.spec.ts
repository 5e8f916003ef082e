import { writeAccountSettings } from '../../db/queries/settings';
import { composeApp } from '../../main/composition';
import { BULK_WORKERS } from '../../main/services/bulk-mail-service';
import { silentLogger } from '../../main/services/support/logger';
import { killAt } from '../support/crash-run';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { logIn } from './admin-steps';
import { expect, shot, test } from './fixtures';

/**
 * A bulk send killed (SIGKILL) at an announced point mid-batch: back on the grid, the banner says
 * how many are left for 「再開」, names the employees whose mail may or may not have gone out, and
 * what the administrator should do about them (「再開」 never sends to them).
 */
test.describe('an interrupted bulk mail job', () => {
  let smtp: TestSmtpServer;
  let tmp: ReturnType<typeof makeTempDir>;
  test.beforeEach(async () => {
    smtp = await startTestSmtpServer({}, { acceptDelayMs: 10 });
    tmp = makeTempDir('focusu-e2e-interrupted-');
    // two in three with an address: twice as many as the job keeps in flight, so some are left for 「再開」
    await seedDataDir(tmp.dir, 3 * BULK_WORKERS, async (app) => {
      writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
    });
  });
  test.afterEach(async () => {
    await smtp.close();
    tmp.remove();
  });

  test('the grid\'s banner names the rows whose outcome is uncertain and says what to do', async ({ page, startServer }) => {
    const out = await killAt('bulk', 'bulkMail.accepted#20', tmp.dir, smtp.url);
    const jobId = /^job (\S+)$/m.exec(out)![1]!;
    // what the restart will find (the same recovery the server runs at start)
    const look = composeApp({ dataDir: tmp.dir, logger: silentLogger });
    const status = await look.bulkMail.status(jobId);
    await look.close();
    const uncertain = status.rows.filter((r) => r.state === 'uncertain').map((r) => r.name);
    expect(uncertain.length).toBeGreaterThan(0);
    expect(status.pending).toBeGreaterThan(0);

    const server = await startServer({ dataDir: tmp.dir, smtpUrl: smtp.url });
    await logIn(page, server, SEED_ADMIN);
    const banner = page.locator('.bulk-mail-line-interrupted');
    await expect(banner).toContainText(`中断されたメール一括送信があります（残り ${status.pending}件）。「再開」で残りの社員に送信します。`);
    const named = uncertain.slice(0, 3).join('、') + (uncertain.length > 3 ? ` ほか${uncertain.length - 3}名` : '');
    await expect(banner).toContainText(`送信済みか確認できない社員（${uncertain.length}名）: ${named}`);
    await expect(banner).toContainText('「再開」ではこの社員には送信しません（メールが二重に届かないように）。'
      + 'メールが届いたか本人に確認し、届いていなければ社員情報管理の「認証待ち」から個別に送信してください。届いたメールのURLはそのまま使えます。');
    await shot(page, 'grid-bulk-interrupted');

    // 「詳細」: every row with its outcome, the uncertain ones among them
    await banner.getByRole('button', { name: '詳細' }).click();
    const result = page.getByRole('dialog', { name: '通知: メール一括送信実行結果' });
    await expect(result.getByRole('row').filter({ hasText: uncertain[0]! })).toContainText('送信済みか確認できません');
    await result.getByRole('button', { name: 'OK' }).click();

    // 「再開」 sends to the rest only: the uncertain rows get nothing more
    const before = smtp.mails.length;
    await page.locator('.bulk-mail-line-interrupted').getByRole('button', { name: '再開' }).click();
    await expect(page.getByRole('status')).toContainText('メール一括送信が完了しました');
    expect(smtp.mails.length - before).toBe(status.pending);
  });
});
