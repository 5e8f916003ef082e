/**
 * The built server (`npm run build:server`) as an office installs and runs it: staged with the
 * production dependencies only, started with plain `node` outside the project with no
 * node_modules/.bin on the PATH (tests/support/server-bundle.ts). Real child processes, real HTTP(S).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ja } from '../../preload/i18n/ja';
import { AdminClient } from '../support/admin-client';
import type { HeadlessProcess } from '../support/headless-process';
import { SEED_ADMIN, seedDataDir } from '../support/seed';
import { packageVersion, stageBuiltServer, type StagedServer } from '../support/server-bundle';
import { startTestSmtpServer, SMTP_PASS, type TestSmtpServer } from '../support/smtp-test-server';
import { makeTestCertificates, type TestCertificates } from '../support/test-ca';
import { makeTempDir } from '../support/temp-dir';

let stage: StagedServer;
let tmp: ReturnType<typeof makeTempDir>;
let certs: TestCertificates;
let smtp: TestSmtpServer;

beforeAll(async () => {
  stage = stageBuiltServer();
  tmp = makeTempDir('focusu-bundle-');
  mkdirSync(path.join(tmp.dir, 'certs'));
  certs = makeTestCertificates(path.join(tmp.dir, 'certs'), { dnsNames: ['focus-u.office.test'], ips: ['127.0.0.1'] });
  smtp = await startTestSmtpServer();
}, 120_000);
afterAll(async () => {
  await smtp?.close();
  tmp?.remove();
  stage?.remove();
});

const dataDir = (name: string) => path.join(tmp.dir, name);
const exited = (p: HeadlessProcess) => new Promise<number | null>((resolve) => {
  if (p.child.exitCode !== null) return resolve(p.child.exitCode);
  p.child.once('exit', (code) => resolve(code));
});
const jsonLines = (text: string) => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the built server, installed with production dependencies only, run with plain node', () => {
  it('starts, serves the screens, logs in, lists the grid, renders PDFs (their secrets hashed) and previews a CSV in their workers, answers /healthz; SIGTERM stops it in order', async () => {
    const dir = dataDir('plain');
    await seedDataDir(dir, 3);
    const server = await stage.start(['--data-dir', dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0', '--smtp-url', smtp.url]);
    try {
      expect(server.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const health = await (await fetch(`${server.adminUrl}healthz`)).json();
      expect(health).toEqual({ status: 'ok', version: packageVersion(), portal: 'running' });
      const admin = await AdminClient.open(server.adminUrl);
      await admin.call('auth.login', SEED_ADMIN);
      expect((await admin.call('employees.list', {})).total).toBe(4);
      const added = await admin.call('administrators.create', { loginId: 'sato', name: '佐藤', delivery: 'pdf' });
      expect(Buffer.from(added.pdf!.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      // the employees' passcode notices: hashed in the bundled hash worker, rendered in the PDF worker (left undelivered)
      const notice = await admin.call('issuance.preparePdf', { kind: 'passcode', mode: 'allUnissued' });
      expect(notice.pages).toBe(4);
      const csv = Buffer.from('社員コード,姓,名,所属,メールアドレス1,メールアドレス2,メールアドレス3\r\n9001,新人,一郎,本社,,,\r\n');
      const preview = await admin.call('csv.previewImport', { pattern: 'pattern2', encoding: 'utf8', contentBase64: csv.toString('base64') });
      expect(preview.counts).toMatchObject({ create: 1, errors: 0 });
      expect(await admin.call('csv.commitImport', { previewId: preview.previewId! })).toEqual({ created: 1, updated: 0 });
      expect((await fetch(server.portalUrl)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await exited(server)).toBe(0);
    expect(server.stderr()).toContain('"message":"stopping"');
    expect(server.stderr()).toContain('"message":"stopped"');
    // every worker was found beside the bundle (a missing one is a warning, not a crash)
    expect(server.stderr()).not.toMatch(/"level":"(warn|error)"/);
    // nothing secret in what it printed: not the SMTP password of --smtp-url
    expect(server.stdout() + server.stderr()).not.toContain(SMTP_PASS);
    // the data folder is free again: the next start takes it
    const again = await stage.start(['--data-dir', dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
    await again.stop();
  });

  it('--config FILE (flags win), JSON lines only on stdout and stderr, the admin screens on a LAN address over HTTPS', async () => {
    const dir = dataDir('configured');
    await seedDataDir(dir, 1);
    const file = path.join(tmp.dir, 'server.json');
    writeFileSync(file, JSON.stringify({
      'data-dir': 'configured', 'admin-host': '0.0.0.0', 'admin-port': 1, 'admin-name': ['focus-u.office.test'],
      'admin-cert': 'certs/server.pem', 'admin-key': 'certs/server.key', 'portal-host': '127.0.0.1', 'portal-port': 0,
      'log-format': 'json', 'stop-timeout': 20,
    }));
    // --port 0 wins over the file's 1 (a port nobody may take)
    const server = await stage.start(['--config', file, '--port', '0']);
    try {
      expect(server.adminUrl).toMatch(/^https:\/\/focus-u\.office\.test:\d+\/$/);
      const port = new URL(server.adminUrl).port;
      const { request } = await import('node:https');
      const health = await new Promise<string>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/healthz', ca: certs.caPem, servername: 'focus-u.office.test' }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve(body));
        }).on('error', reject).end();
      });
      expect(JSON.parse(health)).toMatchObject({ status: 'ok' });
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await exited(server)).toBe(0);
    const out = jsonLines(server.stdout());
    const err = jsonLines(server.stderr());
    expect(out).toEqual([expect.objectContaining({ level: 'info', message: 'ready', admin: server.adminUrl, portal: expect.stringMatching(/^http:/) })]);
    expect(err.map((l) => l.message)).toEqual(expect.arrayContaining(['stopping', 'stopped']));
  });

  it('refuses a LAN address without a certificate, and a certificate it cannot use, with one line naming why; exit code 1', async () => {
    const dir = dataDir('refused');
    const noCert = await stage.runToExit(['--data-dir', dir, '--admin-host', '0.0.0.0', '--port', '0']);
    expect(noCert.code).toBe(1);
    expect(noCert.stderr.trim()).toBe(ja.server.adminNeedsHttps('0.0.0.0'));
    const missing = path.join(tmp.dir, 'certs', 'nope.pem');
    const badFile = await stage.runToExit(['--data-dir', dir, '--admin-host', '0.0.0.0', '--admin-cert', missing, '--admin-key', certs.keyFile]);
    expect(badFile.code).toBe(1);
    expect(badFile.stderr.trim()).toBe(ja.server.adminCertificate(ja.server.certMissing, missing));
    const mismatch = await stage.runToExit(['--data-dir', dir, '--admin-host', '0.0.0.0', '--admin-cert', certs.caFile, '--admin-key', certs.keyFile, '--log-format', 'json']);
    expect(mismatch.code).toBe(1);
    expect(jsonLines(mismatch.stderr)).toEqual([expect.objectContaining({
      level: 'error', message: ja.server.adminCertificate(ja.server.certInvalidPem, `${certs.caFile}, ${certs.keyFile}`),
    })]);
    // a PFX with its passphrase in a file of its own works
    const pfx = await stage.start(['--data-dir', dir, '--admin-host', '0.0.0.0', '--port', '0', '--admin-pfx', certs.pfxFile,
      '--admin-pfx-passphrase-file', certs.passphraseFile, '--portal-host', '127.0.0.1', '--portal-port', '0']);
    expect(pfx.adminUrl).toMatch(/^https:/);
    await pfx.stop();
  });

  it('a second server on the same data folder is refused, naming the server that holds it', async () => {
    const dir = dataDir('held');
    const first = await stage.start(['--data-dir', dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
    try {
      const second = await stage.runToExit(['--data-dir', dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`別のプロセス（${ja.cli.holder.server}、PID ${first.child.pid}、`);
    } finally {
      await first.stop();
    }
  });

});
