/**
 * A real MTA for the tests: Debian's Postfix (`apt-get install postfix`), a configuration of the
 * test's own (`postfix -c DIR`) listening on a loopback port. It accepts mail for example.test,
 * where no user exists (local(8) then bounces it: Postfix writes the delivery report itself), and
 * delivers mail for the sender's domain (bounces.test) into the Maildir that the test's dovecot
 * serves (virtual(8)). So the report the app finds is one Postfix made, not a fixture.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './dovecot';
import { makeTempDir } from './temp-dir';

export const POSTFIX = '/usr/sbin/postfix';

export interface TestPostfix { port: number; url: string; log(): string; close(): Promise<void> }

export async function startPostfix(o: { maildirHome: string; mailbox: string; uid: number; gid: number }): Promise<TestPostfix> {
  if (!existsSync(POSTFIX)) throw new Error('postfix is not installed: apt-get install -y postfix (.ci/run does)');
  const tmp = makeTempDir('focusu-postfix-');
  const conf = path.join(tmp.dir, 'etc');
  const queue = path.join(tmp.dir, 'queue');
  const data = path.join(tmp.dir, 'data');
  chmodSync(tmp.dir, 0o755); // Postfix's daemons run as its own user and need to reach the queue
  mkdirSync(conf);
  mkdirSync(queue, { mode: 0o755 });
  mkdirSync(data);
  chownSync(data, postfixUid(), 0);
  const port = await freePort();
  // Debian's master.cf with no chroot (the queue here has no copy of /etc) and smtpd on our port only
  const master = readFileSync('/etc/postfix/master.cf', 'utf8')
    .split('\n')
    .map((l) => (/^smtp\s+inet/.test(l) ? `127.0.0.1:${port} inet n - n - - smtpd` : l))
    .map((l) => l.replace(/^(\S+\s+(?:unix|inet|fifo|unix-dgram|pass)\s+\S+\s+\S+\s+)y(\s)/, '$1n$2'))
    .join('\n');
  writeFileSync(path.join(conf, 'master.cf'), master);
  cpSync('/etc/postfix/dynamicmaps.cf', path.join(conf, 'dynamicmaps.cf'));
  if (existsSync('/etc/postfix/dynamicmaps.cf.d')) cpSync('/etc/postfix/dynamicmaps.cf.d', path.join(conf, 'dynamicmaps.cf.d'), { recursive: true });
  writeFileSync(path.join(conf, 'vmailbox'), `${o.mailbox} Maildir/\n`);
  writeFileSync(path.join(conf, 'main.cf'), [
    'compatibility_level = 3.6',
    `queue_directory = ${queue}`,
    `data_directory = ${data}`,
    'mail_owner = postfix',
    'setgid_group = postdrop',
    'myhostname = mx.example.test',
    'mydomain = example.test',
    'myorigin = example.test',
    'mydestination = example.test',
    // every local recipient is accepted at the door, then bounced by local(8): a report is written
    'local_recipient_maps =',
    'alias_maps =',
    'alias_database =',
    'inet_interfaces = 127.0.0.1',
    'inet_protocols = ipv4',
    'mynetworks = 127.0.0.0/8',
    'smtpd_relay_restrictions = permit_mynetworks, reject',
    'smtp_dns_support_level = disabled',
    'disable_dns_lookups = yes',
    `maillog_file_prefixes = ${tmp.dir}`,
    'maillog_file = ' + path.join(tmp.dir, 'maillog'),
    'virtual_mailbox_domains = bounces.test',
    `virtual_mailbox_base = ${o.maildirHome}`,
    `virtual_mailbox_maps = texthash:${path.join(conf, 'vmailbox')}`,
    'virtual_minimum_uid = 1',
    `virtual_uid_maps = static:${o.uid}`,
    `virtual_gid_maps = static:${o.gid}`,
    'bounce_queue_lifetime = 0',
    'delay_warning_time = 0',
    'smtputf8_enable = no',
    '',
  ].join('\n'));
  const run = (...args: string[]) => spawnSync(POSTFIX, ['-c', conf, ...args], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000 });
  // the queue's subfolders with their owners, as Debian's installation makes them for /var/spool/postfix
  run('check');
  const started = run('start');
  if (started.status !== 0) throw new Error(`postfix did not start: ${started.stderr}${started.stdout}`);
  await waitForSmtp(port);
  return {
    port,
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    log: () => (existsSync(path.join(tmp.dir, 'maillog')) ? readFileSync(path.join(tmp.dir, 'maillog'), 'utf8').slice(-3000) : ''),
    async close() {
      run('stop');
      tmp.remove();
    },
  };
}

async function waitForSmtp(port: number): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 400; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('220'));
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`postfix did not listen on ${port}`);
}

function postfixUid(): number {
  const r = spawnSync('id', ['-u', 'postfix'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}
