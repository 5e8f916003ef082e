/**
 * `npm run bench` (`-- --quick` for a small run, `-- --only mail` for one entry): every entry measures the product and, in
 * the same process, a baseline doing the same work with the plain library; one table.
 */
import '../../main/production-mode'; // first: React and Express read NODE_ENV as they load
import os from 'node:os';
import { attackEntry } from './attack-entry';
import { csvEntry } from './csv-entry';
import { bounceEntry } from './bounce-entry';
import { gridEntry } from './grid-entry';
import { lanEntry } from './lan-entry';
import { mailEntry } from './mail-entry';
import { oauthMailEntry } from './oauth-mail-entry';
import { startupEntry } from './startup-entry';
import { pdfEntry } from './pdf-entry';
import { rendererEntry } from './renderer-entry';
import { printTable, type BenchRow } from './table';
import { quietWaitMs, waitForQuietMachine } from './quiet';

const quick = process.argv.includes('--quick');
// `-- --only mail,pdf` runs just those entries (while working on one of them)
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? new Set(process.argv[onlyArg + 1]?.split(',')) : null;
const entries: [string, (quick: boolean) => Promise<BenchRow[]>][] = [
  ['grid', gridEntry], ['renderer', rendererEntry], ['startup', startupEntry], ['pdf', pdfEntry], ['csv', csvEntry], ['mail', mailEntry], ['mail-oauth', oauthMailEntry], ['lan', lanEntry],
  ['attack', attackEntry], ['bounces', bounceEntry],
];

const rows: BenchRow[] = [];
for (const [name, run] of entries) {
  if (only && !only.has(name)) continue;
  // the quick run (in CI) only notes how busy the machine is: its figures never fail anything
  const quiet = await waitForQuietMachine(quietWaitMs(quick));
  process.stderr.write(`bench: ${name}… (after ${(quiet.waitedMs / 1000).toFixed(1)} s, the machine ${quiet.quiet ? 'quiet' : `still ${(quiet.busyShare * 100).toFixed(0)} % busy`})\n`);
  try {
    const done = await run(quick);
    rows.push(...done);
    // each entry's rows as it ends: a long run that breaks later keeps what it measured
    process.stderr.write(`${printTable(done)}\n`);
  } catch (e) {
    // an entry that breaks is a row that says so; the others still run
    process.exitCode = 1;
    rows.push({ entry: `${name}: did not complete`, figure: String(e instanceof Error ? e.message : e).slice(0, 200), baseline: '-', ratio: null, target: '-', met: false });
  }
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(`${quick ? 'quick run' : 'full run'} on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n\n`);
process.stdout.write(printTable(rows) + '\n');
