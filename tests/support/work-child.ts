/**
 * A process doing one long piece of work, to be killed with SIGKILL from outside:
 * `node --import tsx tests/support/work-child.ts (pdf|csv|backup) DATA_DIR`.
 * It prints `working` once the work has started.
 */
import path from 'node:path';
import { composeApp } from '../../main/composition';
import { writePdfFile } from '../../main/services/pdf/write-pdf-file';
import { silentLogger } from '../../main/services/support/logger';

const [what, dataDir] = process.argv.slice(2) as [string, string];
const app = composeApp({ dataDir, logger: silentLogger });
const ids = (app.db.prepare('SELECT id FROM employees ORDER BY id').all() as { id: number }[]).map((r) => r.id);
process.stdout.write('working\n');
if (what === 'pdf') {
  const issue = await app.issuance.prepare({ kind: 'password', mode: 'bulk', ids });
  await app.issuance.deliver(issue.id, async (pdf) => {
    await writePdfFile(path.join(dataDir, 'notices.pdf'), pdf);
    return 'delivered';
  });
} else if (what === 'csv') {
  const rows = ['社員コード,姓,名,所属,メールアドレス1,メールアドレス2,メールアドレス3',
    ...Array.from({ length: 20_000 }, (_, i) => `${500000 + i},一括,${i},本社,,,`)];
  const preview = await app.csv.previewImport('pattern2', 'utf8', Buffer.from(rows.join('\r\n')));
  await app.csv.commitImport(preview.previewId!);
} else {
  for (;;) await app.backup.backupNow();
}
process.stdout.write('done\n');
