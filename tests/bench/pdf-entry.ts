/**
 * Bulk PDF issues, each in a process of its own (issue-child.ts) with the LAN's everyday users in
 * another (load-child.ts):
 * - 10,000 password notices end to end (generation, hashing, rendering in the worker, the durable
 *   write, the commit), with nobody else on the machine, against, in this process, the same 10,000
 *   hashes on every thread the machine has (the hashing floor) plus plain pdfmake rendering the same
 *   pages as one document, both also alone;
 * - the same issue again with employees logging in (an argon2 verify each) and a static file
 *   meanwhile, against the same requests just before the issue; the main event loop's worst delay;
 * - 20,000 passcode notices while employees punch at the kiosk;
 * - the peak memory (RSS) of a 30,000-notice issue, against the 10,000-notice one's (flat in N).
 */
import { spawn } from 'node:child_process';
import { generatePassword } from '../../main/services/credentials/password-generator';
import { noticeDocument, passwordNoticePage } from '../../main/services/pdf/notice-document';
import { renderPdf } from '../../main/services/pdf/render-pdf';
import { hashSecret } from '../../main/services/support/secret-hasher';
import { ROOT } from '../support/headless-process';
import { EVERYDAY, EVERYDAY_PASSCODE, EVERYDAY_PASSWORD, everydayCode, everydayLogin } from './everyday';
import type { IssueChildResult } from './issue-child';
import { during, startLoad, type Lane } from './load';
import { measure, seconds, type StallTime } from './measure';
import { quietWaitMs, waitForQuietMachine } from './quiet';
import { ms } from './stats';
import type { BenchRow } from './table';

export async function pdfEntry(quick: boolean): Promise<BenchRow[]> {
  const n = quick ? 200 : 10_000;
  const passcodes = quick ? 200 : 20_000;
  const big = quick ? 600 : 30_000;
  const p = quick ? 95 : 99;
  const idleMs = quick ? 2_000 : 8_000;
  const quietMs = quietWaitMs(quick);
  const logins = Array.from({ length: EVERYDAY }, (_, i) => everydayLogin(i));
  const codes = Array.from({ length: EVERYDAY }, (_, i) => everydayCode(i));
  const rows: BenchRow[] = [];

  // 1. the password notices alone, as the baseline runs: the LAN's logins below cost argon2 verifies of their own
  const alone = (await issueUnderLoad({ kind: 'password', n }, [], 0, p, quietMs)).result;
  // then again, with logins and a static file meanwhile
  const password = await issueUnderLoad({ kind: 'password', n }, [
    { kind: 'login', who: logins, secret: EVERYDAY_PASSWORD }, { kind: 'static' },
  ], idleMs, p, quietMs);

  // 2. the passcode notices, with punches at the kiosk meanwhile
  const passcode = await issueUnderLoad({ kind: 'passcode', n: passcodes }, [{ kind: 'kiosk', who: codes, secret: EVERYDAY_PASSCODE }], idleMs, p, quietMs);

  // 3. memory: the same issue three times as large
  const large = await issueUnderLoad({ kind: 'password', n: big }, [{ kind: 'static' }], quick ? 500 : 1_000, p, quietMs);

  // the baselines, in this process, after the issues: the plain pdfmake document of 10,000 pages leaves this
  // process a large heap to collect, which must not happen while an issue is measured (the passcode issue's
  // 101 ms loop max came right after it; 49–93 ms alone)
  await waitForQuietMachine(quietMs);
  const floor = await measure(() => Promise.all(Array.from({ length: n }, () => hashSecret(generatePassword()))));
  const ctx = { companyName: 'ベンチ株式会社', portalUrl: 'http://192.168.1.10:8080/', kioskUrl: 'http://192.168.1.10:8080/kiosk', issuedAt: '2026/11/25 09:00' };
  const plain = await measure(() => renderPdf(noticeDocument(
    Array.from({ length: n }, (_, i) => passwordNoticePage(ctx, { name: `髙橋 ${i}郎`, code: String(1000 + i), department: '本社', loginId: `bench${i}`, password: generatePassword() })), 'bench')));
  const r = password.result;
  const baseline = floor.seconds + plain.seconds;
  rows.push({
    entry: `PDF: ${n.toLocaleString('en')} password notices end to end (alone on the machine, as the baseline)`,
    figure: `${seconds(alone.seconds)} (hashing done at ${seconds(alone.hashMs / 1000)}, rendering at ${seconds(alone.renderMs / 1000)}); with the LAN's logins meanwhile: ${seconds(r.seconds)}`,
    baseline: `${seconds(baseline)} (hashing floor ${seconds(floor.seconds)} + plain pdfmake ${seconds(plain.seconds)})`,
    ratio: alone.seconds / baseline, target: '≤ 1.1×', met: alone.seconds / baseline <= 1.1,
  });
  rows.push(loopRow(`PDF: main event loop during the ${n.toLocaleString('en')}-notice issue`, r, `plain pdfmake on the main thread: max ${ms(plain.loopMaxMs)}`));
  rows.push(latencyRow(`PDF: portal login (argon2 verify) during the ${n.toLocaleString('en')}-notice issue`, password.lan.login!, p, 500));
  rows.push(latencyRow(`PDF: a static file (portal.css) during the ${n.toLocaleString('en')}-notice issue`, password.lan.static!, p, 50));

  rows.push(latencyRow(`PDF: kiosk punch during a ${passcodes.toLocaleString('en')}-passcode issue`, passcode.lan.kiosk!, p, 500));
  rows.push(loopRow(`PDF: main event loop during the ${passcodes.toLocaleString('en')}-passcode issue`, passcode.result, '-'));

  rows.push({
    entry: `PDF: peak memory (RSS) of a ${big.toLocaleString('en')}-notice issue (the whole process, worker threads included)`,
    figure: `${large.result.peakRssMb.toFixed(0)} MB (${seconds(large.result.seconds)})`,
    baseline: `${n.toLocaleString('en')} notices: ${r.peakRssMb.toFixed(0)} MB`,
    ratio: large.result.peakRssMb / r.peakRssMb, target: '< 800 MB', met: large.result.peakRssMb < 800,
  });
  return rows;
}

function loopRow(entry: string, r: IssueChildResult, baseline: string): BenchRow {
  return {
    entry,
    figure: `max ${ms(r.loopMaxMs)} (garbage collection ${ms(r.gcInLongestStallMs)} of it; at ${seconds(r.longestStall.atS)}, during ${r.longestStall.during}${stallTime(r.longestStall.time)}), p99 ${ms(r.loopP99Ms)}`,
    baseline, ratio: null, target: 'max < 100 ms', met: r.loopMaxMs < 100,
  };
}

/** where the longest stall's time went: the code's (on a core), the machine's (waiting for one), or a wait in the kernel */
const stallTime = (t: StallTime | null) => (t
  ? `; the main thread in the timer's interval around it: on a core ${ms(t.onCpuMs)}, waiting for a core ${ms(t.waitingForCoreMs)}, blocked ${ms(t.blockedMs)}`
  : '');

type Window = ReturnType<typeof during>;

function latencyRow(entry: string, w: { idle: Window; busy: Window }, p: number, targetMs: number): BenchRow {
  const errors = w.idle.errors + w.busy.errors;
  return {
    entry: `${entry}, p${p} of ${w.busy.n}`,
    figure: `${ms(w.busy.p)}${errors ? ` (unintended: ${[w.idle.statuses, w.busy.statuses].filter(Boolean).join('; ')})` : ''}`,
    baseline: `just before, no issue: ${ms(w.idle.p)} (p${p} of ${w.idle.n})`,
    ratio: w.busy.p / w.idle.p, target: `< ${targetMs} ms, all answered as intended`,
    met: w.busy.p < targetMs && errors === 0,
  };
}

/** Waits for a quiet machine, starts the issue's process, lets the everyday users run for `idleMs`, then issues while they go on. */
async function issueUnderLoad(spec: { kind: 'password' | 'passcode'; n: number }, lanes: Lane[], idleMs: number, p: number, quietMs: number) {
  // as before each entry (quiet.ts): the previous issue's process exiting and its files written back are not this one's
  await waitForQuietMachine(quietMs);
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/issue-child.ts', JSON.stringify(spec)], {
    cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
  });
  let out = '';
  const waiting: (() => void)[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    out += d;
    for (const w of waiting) w();
  });
  const line = (re: RegExp) => new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const m = re.exec(out);
      if (m) resolve(m);
    };
    waiting.push(check);
    child.once('exit', (code) => reject(new Error(`bench: the issue's process exited (${code})`)));
    check();
  });
  const portalUrl = (await line(/^ready (\S+)$/m))[1]!;
  const load = await startLoad(portalUrl, lanes);
  const idleFrom = Date.now();
  await new Promise((r) => setTimeout(r, idleMs));
  const idleTo = Date.now();
  child.stdin.write('go\n');
  const result = JSON.parse((await line(/^(\{.*\})$/m))[1]!) as IssueChildResult;
  const samples = await load.stop();
  child.stdin.end();
  await new Promise((r) => child.once('exit', r));
  const lan = Object.fromEntries(lanes.map((l) => [l.kind, {
    idle: during(samples, l.kind, idleFrom, idleTo, p), busy: during(samples, l.kind, result.from, result.to, p),
  }]));
  return { result, lan };
}
