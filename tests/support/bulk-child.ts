/**
 * A process that runs one bulk verification job and is killed from outside (SIGKILL) in the
 * middle: `tsx tests/support/bulk-child.ts DATA_DIR SMTP_URL`.
 */
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';

const [dataDir, smtpUrl] = process.argv.slice(2);
const app = composeApp({ dataDir: dataDir!, smtpUrl: smtpUrl!, logger: silentLogger });
const ids = (app.db.prepare('SELECT id FROM employees WHERE is_company_admin = 0 ORDER BY id').all() as { id: number }[]).map((r) => r.id);
const job = app.bulkMail.start(ids.map((id) => ({ id, slot: 1 as const })));
process.stdout.write(`job ${job.jobId}\n`);
await app.bulkMail.idle();
process.stdout.write('done\n');
