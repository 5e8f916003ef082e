import type { App } from '../../main/composition';
import { writeAccountSettings } from '../../db/queries/settings';
import { registerEmployee } from './test-app';
import { issueByPdf } from './issue-by-pdf';
import type { TestSmtpServer } from './smtp-test-server';

export interface RestoreScenario {
  backupName: string;
  /** links live in the backup and still live afterwards: must keep working after the restore */
  stillLive: string;
  /** links live in the backup, revoked (認証要求の取り消し) or used after it: must stay dead */
  revokedAfter: string;
  usedAfter: string;
  /** portal sessions in the backup: one logged out after it, one still open; both must end */
  loggedOutAfter: string;
  stillOpen: string;
}

const tokenIn = (text: string) => /\/verify\/(\S+)$/m.exec(text)![1]!;

/**
 * A company at work around one backup, through the real services: verification links
 * mailed over SMTP, employees logged in to the portal; then, after the backup, a link
 * revoked, a link used and a session logged out. The app must be set up and use `smtp`.
 */
export async function workAroundABackup(app: App, smtp: TestSmtpServer): Promise<RestoreScenario> {
  writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: false });
  const mori = registerEmployee(app, { loginId: 'mori', lastName: '森', email1: 'mori@example.co.jp' });
  const mura = registerEmployee(app, { loginId: 'mura', lastName: '村', email1: 'mura@example.co.jp' });
  const kato = registerEmployee(app, { loginId: 'kato', lastName: '加藤', email1: 'kato@example.co.jp' });
  const sato = registerEmployee(app, { loginId: 'sato', lastName: '佐藤' });
  const ito = registerEmployee(app, { loginId: 'ito', lastName: '伊藤' });
  const link = async (id: number, slot: 1, to: string) => {
    await app.verification.sendVerification(id, slot);
    return tokenIn((await smtp.waitForMail((m) => m.to === to)).text);
  };
  const stillLive = await link(mori, 1, 'mori@example.co.jp');
  const revokedAfter = await link(mura, 1, 'mura@example.co.jp');
  const usedAfter = await link(kato, 1, 'kato@example.co.jp');
  const loggedOutAfter = (await app.portalAuth.login('sato', await issueByPdf(app, sato, 'password')))!;
  const stillOpen = (await app.portalAuth.login('ito', await issueByPdf(app, ito, 'password')))!;
  const backupName = (await app.backup.backupNow()).fileName;

  app.verification.cancel(mura);
  if ((await app.verification.verify(usedAfter)) !== 'verified') throw new Error('the link did not verify');
  app.portalAuth.logout(loggedOutAfter);
  if (app.verification.inspect(revokedAfter).status !== 'revoked' || app.verification.inspect(usedAfter).status !== 'used') {
    throw new Error('scenario: the links did not die');
  }
  return { backupName, stillLive, revokedAfter, usedAfter, loggedOutAfter, stillOpen };
}
