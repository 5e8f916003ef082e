import type { App } from '../../main/composition';
import { pdfPagesText } from './pdf-text';

/** Issues a password (or passcode) the way the administrator does, and reads it back off the notice. */
export async function issueByPdf(app: App, employeeId: number, kind: 'password' | 'passcode'): Promise<string> {
  const issue = await app.issuance.prepare({ kind, mode: 'individual', ids: [employeeId] });
  await app.issuance.deliver(issue.id, async () => 'delivered');
  const lines = (await pdfPagesText(issue.pdf))[0]!.split('\n');
  return lines[lines.indexOf(kind === 'password' ? 'パスワード' : 'パスコード') + 1]!;
}
