/**
 * The systemd unit shipped in deploy/systemd: `systemd-analyze verify` accepts it without a
 * single warning (an unknown or misspelt key is only a warning there, so warnings fail this test),
 * and it keeps what the README promises: an unprivileged user, a read-only system but for the
 * data folder, no new privileges, a private /tmp, a restart on failure, and a stop that waits
 * for the server's own deadline.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/headless-process';
import { makeTempDir } from '../support/temp-dir';

const UNIT = path.join(ROOT, 'deploy', 'systemd', 'focus-u-server.service');
const EXAMPLE = path.join(ROOT, 'deploy', 'server.example.json');
const tmp = makeTempDir('focusu-unit-');
afterAll(() => tmp.remove());

function hasSystemdAnalyze(): boolean {
  try {
    execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Key=value pairs of the unit's [Service] section (comments and other sections left out). */
function serviceSection(text: string): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      section = line;
      continue;
    }
    if (section !== '[Service]') continue;
    const [key, ...value] = line.split('=');
    keys.set(key!, [...(keys.get(key!) ?? []), value.join('=')]);
  }
  return keys;
}

describe('the shipped systemd unit', () => {
  const systemd = hasSystemdAnalyze();
  if (!systemd) console.warn('service-unit.test.ts: systemd-analyze is not installed here (apt-get install systemd); its check is skipped');

  it.runIf(systemd)('passes `systemd-analyze verify` without a warning', () => {
    // verify checks that ExecStart's program exists: where node lives elsewhere, check a copy pointing at this node
    let unit = UNIT;
    if (!existsSync('/usr/bin/node')) {
      unit = path.join(tmp.dir, 'focus-u-server.service');
      writeFileSync(unit, readFileSync(UNIT, 'utf8').replace('/usr/bin/node', process.execPath));
    }
    const r = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('runs the built server with the config file, unprivileged and confined to its data folder', () => {
    const s = serviceSection(readFileSync(UNIT, 'utf8'));
    const one = (key: string) => {
      expect(s.get(key), key).toHaveLength(1);
      return s.get(key)![0]!;
    };
    const config = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
    expect(one('ExecStart')).toMatch(/^\/usr\/bin\/node \/opt\/focus-u\/dist-server\/focus-u-server\.mjs --config \/etc\/focus-u\/server\.json$/);
    expect(one('User')).not.toMatch(/^(root|0)?$/);
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('ReadWritePaths')).toBe(config['data-dir']);
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('PrivateTmp')).toBe('yes');
    expect(one('Restart')).toBe('on-failure');
    expect(one('KillSignal')).toBe('SIGTERM');
    // systemd waits longer than the server's own deadline, whose exit (75) is a stop, not a failure
    expect(Number(one('TimeoutStopSec'))).toBeGreaterThan(Number(config['stop-timeout']));
    expect(one('SuccessExitStatus')).toBe('75');
    expect(config['log-format']).toBe('json');
  });
});
