/**
 * 1,000 password notices through the product (generation, hashing, rendering in the worker,
 * the durable write, the commit) against, in the same run, the same 1,000 hashes on all
 * cores plus plain pdfmake rendering the same pages with the same fonts.
 */
import path from 'node:path';
import { insertEmployee } from '../../db/queries/employees';
import { composeApp } from '../../main/composition';
import { generatePassword } from '../../main/services/credentials/password-generator';
import { noticeDocument, passwordNoticePage } from '../../main/services/pdf/notice-document';
import { renderPdf } from '../../main/services/pdf/render-pdf';
import { writePdfFile } from '../../main/services/pdf/write-pdf-file';
import { silentLogger } from '../../main/services/support/logger';
import { hashSecret } from '../../main/services/support/secret-hasher';
import { makeTempDir } from '../support/temp-dir';
import { measure, seconds } from './measure';
import type { BenchRow } from './table';

export async function pdfEntry(quick: boolean): Promise<BenchRow[]> {
  const n = quick ? 100 : 1000;
  const tmp = makeTempDir('focusu-bench-pdf-');
  const app = composeApp({ dataDir: tmp.dir, logger: silentLogger });
  try {
    const now = app.clock.now();
    const ids = app.db.transaction(() => Array.from({ length: n }, (_, i) => insertEmployee(app.db, {
      loginId: `bench${i}`, code: String(100000 + i), honorific: '', lastName: '髙橋', firstName: `${i}郎`, department: '本社',
      email1: null, email2: null, email3: null, recorderEnabled: true,
    }, now)))();

    // warm-up: the worker, the fonts and the JIT, so neither side pays for start-up
    await app.issuance.deliver((await app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [ids[0]!] })).id, async () => 'delivered');
    const rest = ids.slice(1);

    const product = await measure(async () => {
      const issue = await app.issuance.prepare({ kind: 'password', mode: 'bulk', ids: rest });
      const result = await app.issuance.deliver(issue.id, async (pdf) => {
        await writePdfFile(path.join(tmp.dir, 'notices.pdf'), pdf);
        return 'delivered';
      });
      if (result.counts.success !== rest.length) throw new Error('bench: not every notice was issued');
      return issue.timings;
    });

    const hashing = await measure(() => Promise.all(rest.map(() => hashSecret(generatePassword()))));
    const ctx = { companyName: 'ベンチ株式会社', portalUrl: 'http://192.168.1.10:8080/', kioskUrl: 'http://192.168.1.10:8080/kiosk', issuedAt: '2026/11/25 09:00' };
    const pages = rest.map((_, i) => passwordNoticePage(ctx, { name: `髙橋 ${i}郎`, code: String(1000 + i), department: '本社', loginId: `bench${i}`, password: generatePassword() }));
    const rendering = await measure(() => renderPdf(noticeDocument(pages, 'bench')));

    const baseline = hashing.seconds + rendering.seconds;
    const ratio = product.seconds / baseline;
    const t = product.result;
    return [
      {
        entry: `PDF: ${rest.length} notices end to end`,
        figure: `${seconds(product.seconds)} (hashing done at ${seconds(t.hashMs / 1000)}, rendering at ${seconds(t.renderMs / 1000)})`,
        baseline: `${seconds(baseline)} (hash ${seconds(hashing.seconds)} + pdfmake ${seconds(rendering.seconds)})`,
        ratio, target: '≤ 1.5×', met: ratio <= 1.5,
      },
      {
        entry: 'PDF: main event loop while issuing',
        figure: `max ${product.loopMaxMs.toFixed(0)} ms, p99 ${product.loopP99Ms.toFixed(0)} ms`,
        baseline: `plain pdfmake on the main thread: max ${rendering.loopMaxMs.toFixed(0)} ms`,
        ratio: null, target: 'max ≤ 100 ms', met: product.loopMaxMs <= 100,
      },
      {
        entry: 'PDF: peak memory (RSS)',
        figure: `${product.peakRssMb.toFixed(0)} MB`, baseline: '-', ratio: null, target: '-', met: null,
      },
    ];
  } finally {
    await app.close();
    tmp.remove();
  }
}
