/**
 * Random and malformed inputs at every entry point: no 500, no INTERNAL error, no unhandled
 * rejection, and a refused input leaves the database exactly as it was.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../main/api/dispatcher';
import type { RunningServer } from '../../main/portal/server';
import { METHOD_NAMES } from '../../preload/contract';
import { employeeInput, makeTestApp } from '../support/test-app';

let t: ReturnType<typeof makeTestApp>;
let portal: RunningServer;
const ctx: CallContext = { sessionId: null, setSession(id) { this.sessionId = id; } };
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  t = makeTestApp();
  await t.app.dispatcher.dispatch('auth.setup', { companyName: '試験', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' }, ctx);
  const { acceptDuplicateWarnings: _, ...f } = employeeInput({ loginId: 'tanaka', code: '0011', email1: 't@example.co.jp' });
  t.app.employees.create(f, true);
  // budgets far above the runs here, so that every route is reached rather than answered 429 (portal-limits.test.ts tests them)
  const plenty = [{ max: 100_000, windowMs: 60_000 }];
  portal = await t.app.startPortal({
    host: '127.0.0.1', port: 0,
    limits: { passwordFailures: plenty, kioskFailures: plenty, verifyFailures: plenty, kioskRequests: plenty[0]! },
  });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await t.dispose();
});

/** Every table but the 操作ログ (which records refused actions by design), as one digest. */
function digest(): string {
  const tables = (t.app.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'audit_log' ORDER BY name`).all() as { name: string }[]);
  const h = createHash('sha256');
  for (const { name } of tables) h.update(name + JSON.stringify(t.app.db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()));
  return h.digest('hex');
}

/** Inputs that look almost right: the right keys with wrong values, and plain garbage. */
const nearMiss = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.dictionary(fc.constantFrom('id', 'ids', 'loginId', 'password', 'lastName', 'email1', 'page', 'pageSize', 'kind', 'mode', 'issueId',
    'jobId', 'items', 'slot', 'fileName', 'previewId', 'contentBase64', 'pattern', 'encoding', 'filters', 'to', 'verificationDays'),
  fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }))),
);

describe('every contract method', () => {
  it('answers random input with a Japanese refusal or a result, never INTERNAL, and a refusal changes nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...METHOD_NAMES), nearMiss, async (method, input) => {
      if (method === 'auth.logout') return; // a valid {} would end the session the property runs in
      const before = digest();
      const outcome = await t.app.dispatcher.dispatch(method, input, ctx);
      if (!outcome.ok) {
        expect(outcome.error.code).not.toBe('INTERNAL');
        expect(outcome.error.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(digest()).toBe(before);
      }
    }), { numRuns: 400 });
    expect(unhandled).toEqual([]);
  });
});

describe('every LAN route', () => {
  const routes: [string, string][] = [
    ['GET', '/'], ['GET', '/login'], ['POST', '/login'], ['POST', '/logout'], ['GET', '/password'], ['POST', '/password'],
    ['GET', '/mypage'], ['GET', '/mypage/login-id'], ['POST', '/mypage/login-id'], ['GET', '/mypage/addresses'],
    ['POST', '/mypage/addresses'], ['POST', '/punch'], ['GET', '/kiosk'], ['POST', '/kiosk'], ['GET', '/verify/'], ['POST', '/verify/'],
  ];
  it('never answers 500 to random paths, tokens and form bodies, and changes nothing', async () => {
    const body = fc.dictionary(fc.constantFrom('_csrf', 'loginId', 'password', 'kind', 'requestId', 'identifier', 'passcode', 'email1',
      'currentPassword', 'newPassword', 'newPasswordConfirm', 'accept', 'intent', fc.string() as unknown as string),
    fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('x'.repeat(5000))));
    await fc.assert(fc.asyncProperty(fc.constantFrom(...routes), fc.string({ maxLength: 60 }), body, async ([method, path], suffix, form) => {
      const before = digest();
      const url = new URL(path.endsWith('/verify/') ? path + encodeURIComponent(suffix) : path, portal.url);
      const res = await fetch(url, {
        method, redirect: 'manual',
        headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body: method === 'POST' ? new URLSearchParams(form).toString() : undefined,
      });
      await res.arrayBuffer();
      expect(res.status).toBeLessThan(500);
      expect(digest()).toBe(before);
    }), { numRuns: 250 });
    expect(unhandled).toEqual([]);
  });
});
