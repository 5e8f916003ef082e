/**
 * A real IMAP server for the tests: Debian's dovecot (`apt-get install dovecot-imapd`), started on
 * a loopback port with a configuration of the test's own in a temp folder, one user whose mail is a
 * Maildir there. Mail is "delivered" the way a local delivery agent does it (a file into
 * Maildir/new, which dovecot notices and announces to an IDLE client). It can be stopped and
 * started again on the same port (the server going away and coming back).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { makeTempDir } from './temp-dir';

export const DOVECOT = '/usr/sbin/dovecot';
export const IMAP_USER = 'soumu@example.co.jp';
export const IMAP_PASSWORD = 'imap-secret-1';

export interface TestDovecot {
  host: string;
  port: number;
  dir: string;
  /** the user's home (its Maildir/ below), and who owns the mail */
  home: string;
  maildir: string;
  mailUid: number;
  mailGid: number;
  /** a message as a local delivery agent leaves it */
  deliver(source: Buffer): void;
  /** the flags of every message, by subject order of arrival: for "never touched" checks */
  messages(folder?: string): Promise<{ uid: number; seen: boolean; deleted: boolean; subject: string; messageId: string }[]>;
  createFolder(name: string): Promise<void>;
  deleteFolder(name: string): Promise<void>;
  /** flags INBOX's message of this subject \Deleted, as another mail program does before it expunges */
  flagDeleted(subject: string): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * `idle: false` takes IDLE out of the server's capabilities (the polling path); `move: false` takes
 * MOVE and UIDPLUS out (an older server: a move there is COPY and an EXPUNGE of the whole folder).
 */
export async function startDovecot(opts: { idle?: boolean; move?: boolean; tls?: { cert: string; key: string } } = {}): Promise<TestDovecot> {
  if (!existsSync(DOVECOT)) throw new Error('dovecot is not installed: apt-get install -y dovecot-imapd (.ci/run does)');
  const tmp = makeTempDir('focusu-dovecot-');
  const dir = tmp.dir;
  chmodSync(dir, 0o755); // the login processes run as dovenull and need to reach their sockets
  const port = await freePort();
  const home = path.join(dir, 'home');
  const maildir = path.join(home, 'Maildir');
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(path.join(maildir, sub), { recursive: true });
  mkdirSync(path.join(dir, 'run'), { mode: 0o755 });
  mkdirSync(path.join(dir, 'state'));
  writeFileSync(path.join(dir, 'passwd'), `${IMAP_USER}:{PLAIN}${IMAP_PASSWORD}::::::\n`);
  // dovecot never gives a mailbox to root: as root (CI), the mail belongs to nobody
  const asRoot = (process.getuid?.() ?? 0) === 0;
  const uid = asRoot ? 65534 : process.getuid!();
  const gid = asRoot ? 65534 : process.getgid!();
  const own = (p: string) => {
    if (asRoot) chownSync(p, uid, gid);
  };
  for (const p of [home, maildir, ...['cur', 'new', 'tmp'].map((sub) => path.join(maildir, sub))]) own(p);
  if (opts.tls) {
    writeFileSync(path.join(dir, 'cert.pem'), opts.tls.cert);
    writeFileSync(path.join(dir, 'key.pem'), opts.tls.key, { mode: 0o600 });
  }
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(conf, [
    `base_dir = ${path.join(dir, 'run')}`,
    `state_dir = ${path.join(dir, 'state')}`,
    `instance_name = focusu-test-${port}`,
    `log_path = ${path.join(dir, 'dovecot.log')}`,
    'protocols = imap',
    'listen = 127.0.0.1',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `first_valid_uid = ${uid}`,
    `first_valid_gid = ${gid}`,
    'mail_location = maildir:~/Maildir',
    // dovecot's own default sends "* OK Still here" every 2 minutes while idling
    opts.idle === false || opts.move === false
      ? `imap_capability = IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE SORT SEARCHRES${opts.idle === false ? '' : ' IDLE'}${opts.move === false ? '' : ' UIDPLUS MOVE'}`
      : '',
    opts.tls ? `ssl = required\nssl_cert = <${path.join(dir, 'cert.pem')}\nssl_key = <${path.join(dir, 'key.pem')}` : 'ssl = no',
    `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${path.join(dir, 'passwd')}\n}`,
    `userdb {\n  driver = static\n  args = uid=${uid} gid=${gid} home=${home}\n}`,
    `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    'service anvil {\n  chroot =\n}',
    'service imap-login {\n  chroot =\n}',
    'namespace inbox {\n  inbox = yes\n  separator = /\n}',
    '',
  ].join('\n'));
  let seq = 0;

  let master: ChildProcess | null = null;
  async function start(): Promise<void> {
    // in the foreground, a child of the test: stopped by its pid, never by name
    // its own process group, so that stop() reaches every process it forked
    const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: 'ignore', detached: true });
    master = child;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`dovecot did not start (${String(code)}): ${readLog()}`))));
    await Promise.race([waitForPort(port), exited]);
  }
  function readLog(): string {
    const f = path.join(dir, 'dovecot.log');
    return existsSync(f) ? readFileSync(f, 'utf8').slice(-2000) : '';
  }
  async function stop(): Promise<void> {
    const child = master;
    master = null;
    if (!child || child.pid === undefined || child.exitCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    // The server goes away at once, as a crash or a pulled cable would make it. A SIGTERM alone
    // is dovecot's graceful shutdown: its imap processes keep their clients up to 10 s longer
    // (measured), longer still on a loaded machine, and a test waiting for the watcher to
    // notice would be timing dovecot's shutdown, not the app.
    killGroup(child.pid);
    await gone;
    killGroup(child.pid); // anything that was still being forked
  }
  async function withClient<T>(work: (c: ImapFlow) => Promise<T>): Promise<T> {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: Boolean(opts.tls), doSTARTTLS: false, auth: { user: IMAP_USER, pass: IMAP_PASSWORD }, logger: false, tls: { rejectUnauthorized: false } });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.logout();
    }
  }

  await start();
  return {
    host: '127.0.0.1', port, dir, home, maildir, mailUid: uid, mailGid: gid,
    deliver(source) {
      const name = `${Date.now()}.M${++seq}P${process.pid}R${randomBytes(4).toString('hex')}.focusu-test`;
      writeFileSync(path.join(maildir, 'tmp', name), source);
      own(path.join(maildir, 'tmp', name));
      renameSync(path.join(maildir, 'tmp', name), path.join(maildir, 'new', name));
    },
    messages: (folder = 'INBOX') => withClient(async (c) => {
      const lock = await c.getMailboxLock(folder);
      try {
        const out: { uid: number; seen: boolean; deleted: boolean; subject: string; messageId: string }[] = [];
        if ((c.mailbox as { exists: number }).exists === 0) return out;
        for await (const m of c.fetch('1:*', { uid: true, flags: true, envelope: true })) {
          out.push({
            uid: m.uid, seen: m.flags?.has('\\Seen') ?? false, deleted: m.flags?.has('\\Deleted') ?? false,
            subject: m.envelope?.subject ?? '', messageId: m.envelope?.messageId ?? '',
          });
        }
        return out;
      } finally {
        lock.release();
      }
    }),
    createFolder: (name) => withClient(async (c) => void (await c.mailboxCreate(name))),
    deleteFolder: (name) => withClient(async (c) => void (await c.mailboxDelete(name))),
    flagDeleted: (subject) => withClient(async (c) => {
      const lock = await c.getMailboxLock('INBOX');
      try {
        const uids = (await c.search({ subject }, { uid: true })) || [];
        if (uids.length !== 1) throw new Error(`flagDeleted: ${uids.length} messages with subject ${subject}`);
        await c.messageFlagsAdd(uids.join(','), ['\\Deleted'], { uid: true });
      } finally {
        lock.release();
      }
    }),
    stop,
    start,
    async close() {
      await stop();
      tmp.remove();
    },
  };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e; // the group is already gone
  }
}

async function waitForPort(port: number): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`dovecot did not listen on ${port}`);
}

