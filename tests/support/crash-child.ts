/**
 * A process that does one piece of work and freezes at a named checkpoint (the K-th time it is
 * reached), announcing `at NAME` on stdout first, so the parent can SIGKILL it exactly there:
 *   node --import tsx tests/support/crash-child.ts SCENARIO CHECKPOINT[#K] DATA_DIR SMTP_URL ARG
 * SCENARIO: pdf (reissue employee ARG by PDF, written to DATA_DIR/notice.pdf) | verify (press
 * 認証する on token ARG) | accountMail (「アカウント通知メール送信」 to employee ARG) | bulk (a bulk
 * verification send to every employee).
 */
import { writeSync } from 'node:fs';
import path from 'node:path';
import { composeApp } from '../../main/composition';
import { writePdfFile } from '../../main/services/pdf/write-pdf-file';
import { setCheckpointHook, type Checkpoint } from '../../main/services/support/checkpoints';
import { silentLogger } from '../../main/services/support/logger';

const [scenario, at, dataDir, smtpUrl, arg] = process.argv.slice(2) as [string, string, string, string, string];
const [wanted, nth] = at.split('#') as [Checkpoint, string | undefined];
let seen = 0;
setCheckpointHook((point) => {
  if (point !== wanted || ++seen < Number(nth ?? 1)) return;
  writeSync(1, `at ${point}\n`);
  // frozen right here (inside a transaction, if the point is in one) until the parent kills us
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});

const app = composeApp({ dataDir, smtpUrl, logger: silentLogger });
if (scenario === 'pdf') {
  const issue = await app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [Number(arg)] });
  await app.issuance.deliver(issue.id, async (pdf) => {
    await writePdfFile(path.join(dataDir, 'notice.pdf'), pdf);
    return 'delivered';
  });
} else if (scenario === 'verify') {
  await app.verification.verify(arg);
} else if (scenario === 'accountMail') {
  await app.verification.sendAccountMail(Number(arg), 1);
} else if (scenario === 'bulk') {
  const ids = (app.db.prepare('SELECT id FROM employees WHERE is_company_admin = 0 ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const job = await app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
  writeSync(1, `job ${job.jobId}\n`);
  await app.bulkMail.idle();
}
writeSync(1, 'done\n');
await app.close();
