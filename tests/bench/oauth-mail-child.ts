/**
 * The XOAUTH2 bulk-mail bench, in a process started with NODE_EXTRA_CA_CERTS (Node's own way to
 * trust the scene's test CA, as the tests' headless children do): the product's bulk job with
 * OAuth 2.0 (Microsoft 365 stand-in: MSAL's client-credentials grant, XOAUTH2 in the mail worker)
 * against raw nodemailer sending with the very token the product got, to the same SMTP server,
 * alternating, in this one process. Prints `result JSON`.
 * argv: the scene's JSON (tests/support/oauth-scene-child.ts), quick|full
 */
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { insertEmployee } from '../../db/queries/employees';
import { writeAccountSettings } from '../../db/queries/settings';
import { composeApp } from '../../main/composition';
import { BULK_CONNECTIONS } from '../../main/services/bulk-mail-service';
import { verificationMail } from '../../main/services/mail/templates';
import { silentLogger } from '../../main/services/support/logger';
import { smtpSettingsSchema } from '../../preload/schemas';
import { CLIENT, MAILBOX, SECRET, TENANT } from '../support/oauth-scene';
import { makeTempDir } from '../support/temp-dir';
import { measure } from './measure';

interface SceneInfo { oauthUrl: string; microsoftLoginUrl: string; googleTokenUrl: string; microsoftSmtpPort: number }

const scene = JSON.parse(process.argv[2]!) as SceneInfo;
const quick = process.argv[3] === 'quick';
const n = quick ? 150 : 1000;
const warmUp = n;
const RUNS = 5;
const issued = async () => (await (await fetch(`${scene.oauthUrl}/test/issued`)).json()) as { tokenRequests: { microsoft: number }; last: string | null };

const tmp = makeTempDir('focusu-bench-oauth-');
const app = composeApp({
  dataDir: tmp.dir, logger: silentLogger, oauthEndpoints: { microsoftLoginUrl: scene.microsoftLoginUrl, googleTokenUrl: scene.googleTokenUrl },
});
try {
  writeAccountSettings(app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
  app.smtp.update(smtpSettingsSchema.parse({
    host: '127.0.0.1', port: scene.microsoftSmtpPort, security: 'starttls', user: '', password: null, fromAddress: MAILBOX, fromName: 'Focus U',
    ratePerMinute: 0, authMethod: 'microsoft365', oauthUser: MAILBOX, tenantId: TENANT, clientId: CLIENT, msCredential: 'secret', clientSecret: SECRET,
  }));
  const now = app.clock.now();
  const ids = app.db.transaction(() => Array.from({ length: RUNS * n + warmUp }, (_, i) => insertEmployee(app.db, {
    loginId: `bench${i}`, code: String(100000 + i), honorific: '', lastName: '髙橋', firstName: `${i}郎`, department: '本社',
    email1: `bench${i}@example.co.jp`, email2: null, email3: null, recorderEnabled: true,
  }, now)))();
  const productRun = (batch: number[]) => measure(async () => {
    const job = await app.bulkMail.start(batch.map((id) => ({ id, slot: 1 as const })));
    await app.bulkMail.idle();
    const status = await app.bulkMail.status(job.jobId);
    if (status.sent !== batch.length) throw new Error(`bench: ${status.failed} mails failed (${status.rows.find((r) => r.note)?.note ?? ''})`);
  });

  await productRun(ids.slice(0, warmUp)); // warms both the JIT and the token cache: the token is fetched here
  const token = (await issued()).last;
  if (!token) throw new Error('bench: the product fetched no token');
  // The same mails as the product's, with the same token: each run opens its pool and closes it (as a batch does).
  const rawRun = (count: number) => measure(async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1', port: scene.microsoftSmtpPort, secure: false, requireTLS: true, pool: true, maxConnections: BULK_CONNECTIONS, maxMessages: Infinity,
      auth: { type: 'OAuth2', user: MAILBOX, accessToken: token },
    });
    try {
      await Promise.all(Array.from({ length: count }, (_, i) => {
        const mail = verificationMail({
          name: `髙橋 ${i}郎`, url: `http://127.0.0.1:8080/verify/${randomBytes(32).toString('base64url')}`,
          expiresAt: Date.now() + 7 * 86_400_000, companyName: '',
        });
        return transport.sendMail({
          from: { name: 'Focus U', address: MAILBOX }, to: `raw${i}@example.co.jp`, ...mail,
          textEncoding: 'base64', disableFileAccess: true, disableUrlAccess: true,
        });
      }));
    } finally {
      transport.close();
    }
  });
  await rawRun(warmUp);
  const before = (await issued()).tokenRequests.microsoft;
  const productRuns = [];
  const rawRuns = [];
  for (let r = 0; r < RUNS; r++) {
    productRuns.push(await productRun(ids.slice(warmUp + r * n, warmUp + (r + 1) * n)));
    rawRuns.push(await rawRun(n));
  }
  const best = <T extends { seconds: number }>(runs: T[]) => runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
  const product = best(productRuns);
  process.stdout.write(`result ${JSON.stringify({
    n, productSeconds: product.seconds, rawSeconds: best(rawRuns).seconds, loopMaxMs: product.loopMaxMs,
    tokenRequestsDuringRuns: (await issued()).tokenRequests.microsoft - before,
    productRuns: productRuns.map((x) => x.seconds), rawRuns: rawRuns.map((x) => x.seconds),
  })}\n`);
} finally {
  await app.close();
  tmp.remove();
}
