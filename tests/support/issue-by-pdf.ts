import type { App } from '../../main/composition';
import { pdfPagesText } from './pdf-text';

/** Issues a password (or passcode) the way the administrator does, and reads it back off the notice. */
export async function issueByPdf(app: App, employeeId: number, kind: 'password' | 'passcode'): Promise<string> {
  const issue = await app.issuance.prepare({ kind, mode: 'individual', ids: [employeeId] });
  await app.issuance.deliver(issue.id, async () => 'delivered');
  const lines = (await pdfPagesText(issue.pdf))[0]!.split('\n');
  return lines[lines.indexOf(kind === 'password' ? 'パスワード' : 'パスコード') + 1]!;
}

/**
 * Issues passwords (or passcodes) to many employees at once, as 「選択してパスワード発行」 /
 * 「パスコード一括発行」 do, and reads each back off its page: ログインID → secret.
 */
export async function issueManyByPdf(app: App, employeeIds: number[], kind: 'password' | 'passcode'): Promise<Map<string, string>> {
  const issue = await app.issuance.prepare({ kind, mode: 'bulk', ids: employeeIds });
  await app.issuance.deliver(issue.id, async () => 'delivered');
  const secrets = new Map<string, string>();
  for (const page of await pdfPagesText(issue.pdf)) {
    const lines = page.split('\n');
    const loginId = lines[lines.indexOf('ログインID') + 1]!;
    secrets.set(loginId, lines[lines.indexOf(kind === 'password' ? 'パスワード' : 'パスコード') + 1]!);
  }
  if (secrets.size !== employeeIds.length) throw new Error(`read ${secrets.size} notices for ${employeeIds.length} employees`);
  return secrets;
}
