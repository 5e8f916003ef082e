/**
 * "Another PC on the LAN" for the e2e tests: a Linux network namespace with a network stack of
 * its own, joined to this machine by a veth pair (this side 10.N.M.1, the other side 10.N.M.2),
 * made and removed by the test itself — which needs root (or CAP_NET_ADMIN). Chromium runs
 * *inside* the namespace: Playwright starts it through a small wrapper (`ip netns exec NS
 * chromium …`; the DevTools pipe Playwright drives it over survives the exec), so every page it
 * opens travels over the veth as a real LAN client's would; 127.0.0.1 there is the other PC's own.
 *
 * The browser trusts the test's CA through its own certificate store: Chromium on Linux reads
 * the NSS database under $HOME/.pki/nssdb, so the browser gets a HOME of its own with the CA
 * added by `certutil` (Debian: libnss3-tools) — no flag that ignores certificate errors.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface OtherPc {
  /** this machine's address on the link (listen here) */
  hostAddress: string;
  /** the other PC's address (where its requests come from) */
  pcAddress: string;
  /** an executable that starts the given Chromium inside the namespace */
  chromiumWrapper(chromium: string, dir: string): string;
  remove(): void;
}

const ip = (args: string[]) => spawnSync('ip', args, { encoding: 'utf8' });

/** Makes the namespace and the link, or says why it cannot (then the caller skips, saying so). */
export function makeOtherPc(): OtherPc | { unavailable: string } {
  if (process.platform !== 'linux') return { unavailable: 'network namespaces are a Linux feature' };
  if (spawnSync('ip', ['-V']).status !== 0) return { unavailable: 'the `ip` command (iproute2) is not installed' };
  const tag = (process.pid % 60_000).toString(36);
  const ns = `focusu-pc-${tag}`;
  const hostIf = `fuh${tag}`;
  const pcIf = `fup${tag}`;
  const subnet = `10.${200 + (process.pid % 50)}.${process.pid % 250}`;
  const hostAddress = `${subnet}.1`;
  const pcAddress = `${subnet}.2`;
  const added = ip(['netns', 'add', ns]);
  if (added.status !== 0) return { unavailable: `cannot make a network namespace here (${added.stderr.trim() || 'not permitted'}); run as root to include this test` };
  const remove = () => {
    ip(['netns', 'del', ns]); // takes its end of the veth pair, and with it this end
    ip(['link', 'del', hostIf]);
  };
  const steps: string[][] = [
    ['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', pcIf],
    ['link', 'set', pcIf, 'netns', ns],
    ['addr', 'add', `${hostAddress}/30`, 'dev', hostIf],
    ['link', 'set', hostIf, 'up'],
    ['-n', ns, 'addr', 'add', `${pcAddress}/30`, 'dev', pcIf],
    ['-n', ns, 'link', 'set', pcIf, 'up'],
    ['-n', ns, 'link', 'set', 'lo', 'up'],
  ];
  for (const step of steps) {
    const r = ip(step);
    if (r.status !== 0) {
      remove();
      return { unavailable: `cannot set up the link (ip ${step.join(' ')}: ${r.stderr.trim()})` };
    }
  }
  return {
    hostAddress,
    pcAddress,
    chromiumWrapper(chromium, dir) {
      const file = path.join(dir, 'chromium-on-the-other-pc');
      writeFileSync(file, `#!/bin/sh\nexec ip netns exec ${ns} ${JSON.stringify(chromium)} "$@"\n`);
      chmodSync(file, 0o755);
      return file;
    },
    remove,
  };
}

/** A HOME whose NSS database (Chromium's certificate store on Linux) trusts `caFile` for websites. */
export function homeTrusting(caFile: string, dir: string): string {
  if (spawnSync('certutil', ['-H']).error) throw new Error('certutil is missing: sudo apt-get install -y libnss3-tools');
  const nssdb = path.join(dir, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  const run = (args: string[]) => {
    const r = spawnSync('certutil', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`certutil ${args.join(' ')}: ${r.stderr}`);
  };
  if (!existsSync(path.join(nssdb, 'cert9.db'))) run(['-N', '-d', `sql:${nssdb}`, '--empty-password']);
  run(['-A', '-d', `sql:${nssdb}`, '-n', 'Focus U Test CA', '-t', 'C,,', '-i', caFile]);
  return dir;
}
