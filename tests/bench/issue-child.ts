/**
 * One bulk PDF issue in a process of its own (so its peak memory is its own): a company of `n`
 * employees to issue for and 60 who log in and punch as usual; the portal on loopback. Prints
 * `ready PORTAL_URL`, waits for "go" on stdin, then issues — prepare, the durable write, the commit —
 * and prints one JSON line: the time, the main event loop's worst delay, the process's peak RSS
 * (the kernel's figure, worker threads included) and when it started and ended (epoch ms).
 *   node --import tsx tests/bench/issue-child.ts '{"kind":"password","n":10000}'
 */
import '../../main/production-mode'; // the product as it runs
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import { insertEmployee } from '../../db/queries/employees';
import { writeAccountSettings } from '../../db/queries/settings';
import { composeApp } from '../../main/composition';
import { consoleLogger, silentLogger } from '../../main/services/support/logger';
import { writePdfFile } from '../../main/services/pdf/write-pdf-file';
import { makeTempDir } from '../support/temp-dir';
import { EVERYDAY, EVERYDAY_PASSCODE, EVERYDAY_PASSWORD, everydayCode, everydayLogin } from './everyday';
import { measure, type StallTime } from './measure';

export interface IssueChildResult {
  seconds: number; hashMs: number; renderMs: number; loopMaxMs: number; loopP99Ms: number; gcInLongestStallMs: number; peakRssMb: number; from: number; to: number;
  /** when the longest stall began (seconds into the issue), the part of the issue under way then, and where its time went */
  longestStall: { atS: number; during: string; time: StallTime | null };
}

/** The parts of an issue in order, each named by what ends it (performance.now()). */
type Phase = { during: string; endsAt: number };

function phaseAt(t: number, phases: readonly Phase[]): string {
  return phases.find((p) => t < p.endsAt)?.during ?? 'after the issue';
}

const spec = JSON.parse(process.argv[2]!) as { kind: 'password' | 'passcode'; n: number };
const tmp = makeTempDir('focusu-bench-issue-');
// errors reach the bench's stderr (a failed issue says why); the rest only with BENCH_DEBUG
const logger = process.env.BENCH_DEBUG ? consoleLogger() : { ...silentLogger, error: consoleLogger().error };
const app = composeApp({ dataDir: tmp.dir, logger });
try {
  writeAccountSettings(app.db, { notifyMethod: 'pdf', verificationDays: 7, requirePasswordChange: false });
  const [passwordHash, passcodeHash] = await Promise.all([hash(EVERYDAY_PASSWORD), hash(EVERYDAY_PASSCODE)]);
  const now = app.clock.now();
  const ids = app.db.transaction(() => {
    for (let i = 0; i < EVERYDAY; i++) {
      insertEmployee(app.db, {
        loginId: everydayLogin(i), code: everydayCode(i), honorific: '', lastName: '社員', firstName: String(i), department: '本社',
        email1: null, email2: null, email3: null, recorderEnabled: true, passwordHash, passcodeHash,
        facts: { password: 'issued', issuedVia: 'pdf', verifiedAt: null, linkSentAt: null, linkValidUntil: null },
      }, now);
    }
    return Array.from({ length: spec.n + 1 }, (_, i) => insertEmployee(app.db, {
      loginId: `bench${i}`, code: String(100000 + i), honorific: '', lastName: '髙橋', firstName: `${i}郎`, department: '本社',
      email1: null, email2: null, email3: null, recorderEnabled: true,
    }, now));
  })();
  const portal = await app.startPortal({ host: '127.0.0.1', port: 0 });
  // warm-up: the worker, the fonts and the JIT (one notice, delivered)
  await app.issuance.deliver((await app.issuance.prepare({ kind: spec.kind, mode: 'individual', ids: [ids[0]!] })).id, async () => 'delivered');

  process.stdout.write(`ready ${portal.url}\n`);
  await new Promise<void>((resolve) => process.stdin.on('data', (d) => d.toString().includes('go') && resolve()));
  const from = Date.now();
  const began = performance.now();
  const phases: Phase[] = [];
  const ended = (during: string) => phases.push({ during, endsAt: performance.now() });
  const run = await measure(async () => {
    const issue = await app.issuance.prepare(spec.kind === 'password'
      ? { kind: 'password', mode: 'bulk', ids: ids.slice(1) }
      : { kind: 'passcode', mode: 'allUnissued' });
    ended('preparation (hashing, rendering)');
    const result = await app.issuance.deliver(issue.id, async (pdf) => {
      ended('the reservation');
      await writePdfFile(path.join(tmp.dir, 'notices.pdf'), pdf);
      ended('the file\'s write');
      return 'delivered';
    });
    ended('putting in force');
    if (result.counts.success !== spec.n) throw new Error(`bench: ${result.counts.success} of ${spec.n} notices issued`);
    return issue.timings;
  }, { stallTime: true });
  const to = Date.now();
  const out: IssueChildResult = {
    seconds: run.seconds, hashMs: run.result.hashMs, renderMs: run.result.renderMs, loopMaxMs: run.loopMaxMs, loopP99Ms: run.loopP99Ms, gcInLongestStallMs: run.gcInLongestStallMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024, from, to,
    longestStall: { atS: (run.longestStallFrom - began) / 1000, during: phaseAt(run.longestStallFrom, phases), time: run.longestStallTime },
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  // the portal stays up until the bench has stopped its load: closing it at once failed the one request
  // under way as the issue ended (the full run's 「1× no answer」 in the login and static-file rows)
  await new Promise((resolve) => process.stdin.once('end', resolve));
} finally {
  await app.close();
  tmp.remove();
}
