/**
 * The LAN's everyday users, in a process of their own (the bench's load generator): each lane asks
 * for one kind of page again and again — a static file, an employee's login (argon2 verify), a
 * kiosk punch — from its own loopback source address, with a short pause between requests, and
 * records when each request started (epoch ms), how long it took and its status. On "stop" (stdin)
 * it prints every sample as one JSON line and exits.
 *   node --import tsx tests/bench/load-child.ts PORTAL_URL LANES_JSON
 * LANES_JSON: [{ "kind": "static" | "login" | "kiosk", "who": [login IDs or 社員コード], "secret": "…" }, …]
 * The double-submit form token needs no page: a client may send its own cookie and field.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

export interface Lane { kind: 'static' | 'login' | 'kiosk' | 'loginPage'; who?: string[]; secret?: string }
export interface Sample { kind: Lane['kind']; at: number; ms: number; status: number }

const [portalUrl, lanesArg] = process.argv.slice(2) as [string, string];
const lanes = JSON.parse(lanesArg) as Lane[];
const token = 'x'.repeat(43);
const PAUSE_MS = 20;
/**
 * A kiosk tablet punches one employee after another, never 50 times a second: the portal caps every
 * kiosk request at 600 a minute per source (main/portal/limits.ts, a flood cap), so a lane faster than
 * that measures the cap's 429s, not the punch. 120 ms apart is 500 a minute at the most.
 */
const KIOSK_PAUSE_MS = 120;
const samples: Sample[] = [];
let stopping = false;

function once(lane: Lane, i: number, source: string): Promise<number> {
  const who = lane.who?.[i % lane.who.length] ?? '';
  const form = lane.kind === 'login'
    ? new URLSearchParams({ _csrf: token, loginId: who, password: lane.secret ?? '' }).toString()
    : lane.kind === 'kiosk'
      ? new URLSearchParams({ _csrf: token, identifier: who, passcode: lane.secret ?? '', kind: i % 2 ? 'out' : 'in', requestId: randomBytes(16).toString('base64url') }).toString()
      : null;
  const path = lane.kind === 'static' ? 'assets/portal.css' : lane.kind === 'kiosk' ? 'kiosk' : 'login';
  return new Promise((resolve) => {
    const req = request(new URL(path, portalUrl), {
      method: form === null ? 'GET' : 'POST', agent: false, localAddress: source,
      headers: form === null ? {} : {
        cookie: `fu_csrf=${token}`, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(form)),
      },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(form ?? undefined);
  });
}

async function run(lane: Lane, index: number): Promise<void> {
  // one device per lane: its own address, so per-address throttling sees what it would on a LAN
  const source = `127.6.${Math.floor(index / 250)}.${(index % 250) + 1}`;
  for (let i = 0; !stopping; i++) {
    const at = performance.timeOrigin + performance.now();
    const t0 = performance.now();
    const status = await once(lane, i, source);
    samples.push({ kind: lane.kind, at, ms: performance.now() - t0, status });
    await new Promise((r) => setTimeout(r, lane.kind === 'kiosk' ? KIOSK_PAUSE_MS : PAUSE_MS));
  }
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (d: string) => {
  if (d.includes('stop')) stopping = true;
});
process.stdout.write('running\n');
await Promise.all(lanes.map(run));
process.stdout.write(`${JSON.stringify(samples)}\n`);
