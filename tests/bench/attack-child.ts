/**
 * The attacker of the bench's "LAN under attack" entry, in a process of its own: wrong passwords
 * and wrong passcodes for the given login IDs / codes, from many loopback source addresses
 * (127.2.x.y), `concurrency` requests in flight, until killed. Prints how many it sent, twice a second.
 *   node --import tsx tests/bench/attack-child.ts PORTAL_URL CONCURRENCY ID1,ID2,… CODE1,CODE2,…
 * The double-submit form token needs no page: a client may send its own cookie and field.
 */
import { request } from 'node:http';

const [portalUrl, concurrencyArg, idsArg, codesArg] = process.argv.slice(2) as [string, string, string, string];
const ids = idsArg.split(',');
const codes = codesArg.split(',');
const token = 'x'.repeat(43);
let n = 0;

function attack(): Promise<void> {
  const i = n++;
  const kiosk = i % 2 === 1;
  const body = kiosk
    ? new URLSearchParams({ _csrf: token, identifier: codes[i % codes.length]!, passcode: String(i % 10_000).padStart(4, '0'), kind: 'in', requestId: 'r'.repeat(22) })
    : new URLSearchParams({ _csrf: token, loginId: ids[i % ids.length]!, password: `guess-${i}` });
  const text = body.toString();
  return new Promise((resolve) => {
    const req = request(new URL(kiosk ? 'kiosk' : 'login', portalUrl), {
      method: 'POST', agent: false, localAddress: `127.2.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
      headers: { cookie: `fu_csrf=${token}`, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(text)) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', () => resolve());
    req.end(text);
  });
}

async function lane(): Promise<void> {
  for (;;) await attack();
}
process.stdout.write('attacking\n');
setInterval(() => process.stdout.write(`sent ${n}\n`), 500);
await Promise.all(Array.from({ length: Number(concurrencyArg) }, lane));
