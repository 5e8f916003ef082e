/**
 * The LAN under attack: a real headless server (a child process); an attacker in a process of
 * its own sends wrong passwords and wrong passcodes from hundreds of source addresses; meanwhile
 * employees log in and punch at the kiosk as usual. Their latency (p99) against the same
 * employees' latency without the attack, in the same run.
 */
import { spawn } from 'node:child_process';
import { hash } from '@node-rs/argon2';
import { insertEmployee } from '../../db/queries/employees';
import { writeAccountSettings } from '../../db/queries/settings';
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { BrowserLikeClient, csrfOf } from '../support/browser-like-client';
import { ROOT, startHeadless } from '../support/headless-process';
import { makeTempDir } from '../support/temp-dir';
import type { BenchRow } from './table';

const PASSWORD = 'bench password 7';
const PASSCODE = '2580';
/** employees 0–199 work as usual (each punches in once while calm, out once under attack); the attacker aims at 200–259 (and unknown IDs) */
const AT_WORK = 200;
const TARGETS = 60;
const EMPLOYEES = AT_WORK + TARGETS;
const TABLET_EVERY_MS = 250;

export async function attackEntry(quick: boolean): Promise<BenchRow[]> {
  const samples = quick ? 30 : 200;
  const tmp = makeTempDir('focusu-bench-attack-');
  const seed = composeApp({ dataDir: tmp.dir, logger: silentLogger });
  const [passwordHash, passcodeHash] = await Promise.all([hash(PASSWORD), hash(PASSCODE)]);
  writeAccountSettings(seed.db, { notifyMethod: 'pdf', verificationDays: 7, requirePasswordChange: false });
  seed.db.transaction(() => {
    for (let i = 0; i < EMPLOYEES; i++) {
      insertEmployee(seed.db, {
        loginId: `emp${i}`, code: String(5000 + i), honorific: '', lastName: '社員', firstName: String(i), department: '',
        email1: null, email2: null, email3: null, recorderEnabled: true, passwordHash, passcodeHash,
        facts: { password: 'issued', issuedVia: 'pdf', verifiedAt: null, linkSentAt: null, linkValidUntil: null },
      }, Date.now());
    }
  })();
  await seed.close();
  const server = await startHeadless(['--data-dir', tmp.dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
  try {
    const quiet = await everyday(server.portalUrl, samples, 'in');
    const attacker = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/attack-child.ts', server.portalUrl, '16',
      [...Array.from({ length: TARGETS }, (_, i) => `emp${AT_WORK + i}`), 'nobody', 'admin'].join(','),
      Array.from({ length: TARGETS }, (_, i) => String(5000 + AT_WORK + i)).join(',')], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
    });
    let attacks = 0;
    attacker.stdout.on('data', (d: Buffer) => {
      const m = /sent (\d+)\n$/.exec(d.toString());
      if (m) attacks = Number(m[1]);
    });
    await new Promise((r) => attacker.stdout.once('data', r)); // 'attacking'
    await new Promise((r) => setTimeout(r, 1_000)); // the burst is under way
    let attacked: Awaited<ReturnType<typeof everyday>>;
    try {
      attacked = await everyday(server.portalUrl, samples, 'out');
    } finally {
      attacker.kill('SIGKILL');
    }
    const row = (what: string, under: number[], calm: number[]): BenchRow => {
      const p = quick ? 95 : 99;
      const a = percentile(under, p);
      const b = percentile(calm, p);
      return {
        entry: `LAN under attack (${attacks.toLocaleString('en')} wrong passwords and passcodes from many addresses, 16 in flight): ${what}, p${p} of ${under.length}`,
        figure: `${a.toFixed(0)} ms (all ${attacked.failures === 0 ? 'succeeded' : `but ${attacked.failures} succeeded`})`,
        baseline: `no attack: ${b.toFixed(0)} ms`,
        ratio: a / b, target: '-', met: attacked.failures === 0 ? null : false,
      };
    };
    return [row('an employee logging in', attacked.login, quiet.login), row('a kiosk punch', attacked.kiosk, quiet.kiosk)];
  } finally {
    await server.stop();
    tmp.remove();
  }
}

/**
 * Employees log in (each from their own PC) and punch at the kiosk tablet (one address), one after another;
 * each punches once per phase (a second 出勤 in a row would be a refusal, and refusals count against the tablet).
 */
async function everyday(portalUrl: string, samples: number, kind: 'in' | 'out'): Promise<{ login: number[]; kiosk: number[]; failures: number }> {
  const login: number[] = [];
  const kiosk: number[] = [];
  let failures = 0;
  const tablet = new BrowserLikeClient(portalUrl, { localAddress: '127.3.0.1' });
  let lastPunch = 0;
  for (let i = 0; i < samples; i++) {
    const who = i % AT_WORK;
    const pc = new BrowserLikeClient(portalUrl, { localAddress: `127.4.${Math.floor(who / 250)}.${(who % 250) + 1}` });
    const form = csrfOf((await pc.get('/login')).html);
    let t0 = performance.now();
    const signedIn = await pc.request('POST', '/login', { _csrf: form, loginId: `emp${who}`, password: PASSWORD });
    login.push(performance.now() - t0);
    if (signedIn.status !== 303) failures++;
    // a tablet's pace: its page and its punch at most every 250 ms (480 requests a minute), under the
    // portal's flood cap of 600 a minute per source (main/portal/limits.ts), which a bench must not measure
    await new Promise((r) => setTimeout(r, Math.max(0, lastPunch + TABLET_EVERY_MS - performance.now())));
    lastPunch = performance.now();
    const kioskPage = await tablet.get('/kiosk');
    const requestId = /name="requestId" value="([^"]+)"/.exec(kioskPage.html)?.[1];
    if (!requestId) throw new Error(`bench: the kiosk answered ${kioskPage.status} without its form`);
    const page = kioskPage.html;
    t0 = performance.now();
    const punched = await tablet.request('POST', '/kiosk', { _csrf: csrfOf(page), requestId, identifier: String(5000 + who), passcode: PASSCODE, kind });
    kiosk.push(performance.now() - t0);
    if (punched.status !== 200) failures++;
  }
  return { login, kiosk, failures };
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
