/**
 * Near-miss requests for every LAN route, derived from the route's form (main/portal/routes):
 * a live session and its form token most of the time, edge values in the fields, now and then a
 * field just past its rule, a missing or foreign token, or no session at all.
 */
import fc from 'fast-check';
import { Ref, emailField, field, loginIdField, nearMissRecord, strangerId, type Field, type RunState } from './near-miss';

/** The logged-in employee and what the requests may refer to, as they are when a run starts. */
export interface LanState extends Pick<RunState, 'loginIds' | 'addresses'> {
  loginId: string;
  code: string;
  password: string;
  passcode: string;
  /** the session's own form token */
  sessionCsrf: string;
  liveToken: string;
  usedToken: string;
}

export interface LanRequest {
  method: 'GET' | 'POST';
  /** the path, or a Ref to it (a link's token) */
  path: unknown;
  form?: Record<string, unknown>;
  /** send the live session's cookie / one nobody has / none */
  session: 'live' | 'stranger' | 'none';
  /** the pre-login form token: a cookie and the same value in the form (double submit) */
  doubleSubmit?: 'match' | 'mismatch';
}

const ref = (f: (s: LanState) => unknown) => new Ref<LanState>(f);
const session = fc.oneof({ weight: 6, arbitrary: fc.constant('live' as const) }, { weight: 1, arbitrary: fc.constantFrom('stranger' as const, 'none' as const) });
const doubleSubmit = fc.oneof({ weight: 6, arbitrary: fc.constant('match' as const) }, { weight: 1, arbitrary: fc.constant('mismatch' as const) });
/** the session's form token (after login) */
const sessionCsrf: Field = field(fc.constant(ref((s) => s.sessionCsrf)), fc.oneof(strangerId(43), fc.constant('')));
const password: Field = field(
  fc.oneof({ weight: 3, arbitrary: fc.constant(ref((s) => s.password)) }, { weight: 1, arbitrary: fc.constantFrom('wrong-pass-1', '') }),
  fc.constant('x'.repeat(1025)),
);
const requestId: Field = field(strangerId(22), fc.oneof(strangerId(21), fc.constant('../../x')));
const kind: Field = field(fc.constantFrom('in', 'out'), fc.constantFrom('IN', 'break', ''));
const token = fc.oneof(
  { weight: 3, arbitrary: fc.constant(ref((s) => s.liveToken)) },
  { weight: 2, arbitrary: fc.constant(ref((s) => s.usedToken)) },
  { weight: 2, arbitrary: strangerId(43) },
  { weight: 1, arbitrary: fc.oneof(strangerId(42), fc.constant('%E3%81%82'.repeat(5))) },
);
/** A new password: 8–128 characters (the limits included), unicode, spaces kept as typed. */
const newPassword: Field = field(
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...'abcdefghjkmnpqrstuvwxyz23456789'), minLength: 10, maxLength: 20 }),
    fc.constantFrom(8, 128).chain((n) => fc.string({ unit: fc.constantFrom(...'qwertyuiop7823'), minLength: n, maxLength: n })),
    fc.string({ unit: fc.constantFrom('髙', 'ア', ' ', '𠮷', 'k', '9'), minLength: 8, maxLength: 16 }),
    fc.constantFrom('password', '12345678'),
  ),
  fc.oneof(fc.string({ maxLength: 7 }), fc.constant('y'.repeat(129))),
);

const get = (path: unknown) => fc.record({ method: fc.constant('GET' as const), path: fc.constant(path), session });
const post = (path: unknown, form: fc.Arbitrary<Record<string, unknown>>, pre = false) =>
  fc.record({ method: fc.constant('POST' as const), path: fc.constant(path), form, session, ...(pre ? { doubleSubmit } : {}) });

export const portalRequests: fc.Arbitrary<LanRequest> = fc.oneof(
  ...['/', '/mypage', '/mypage/login-id', '/mypage/addresses', '/password', '/login', '/kiosk'].map((p) => get(p)),
  token.chain((t) => get(ref((s) => `/verify/${String(t instanceof Ref ? (t as Ref<LanState>).resolve(s) : t)}`))),
  post('/login', nearMissRecord({
    loginId: field(fc.oneof({ weight: 4, arbitrary: fc.constant(ref((s) => s.loginId)) }, { weight: 1, arbitrary: fc.constantFrom('nobody', 'admin') }), fc.constant('x'.repeat(257))),
    password,
  }), true),
  post('/logout', nearMissRecord({ _csrf: sessionCsrf })),
  post('/password', fc.tuple(nearMissRecord({ _csrf: sessionCsrf, currentPassword: password, newPassword }), fc.integer({ min: 0, max: 4 }))
    .map(([r, same]) => ({ ...r, newPasswordConfirm: same > 0 ? r.newPassword : 'different-1' }))),
  post('/mypage/login-id', nearMissRecord({ _csrf: sessionCsrf, loginId: loginIdField(), currentPassword: password })),
  post('/mypage/addresses', fc.tuple(
    nearMissRecord({ _csrf: sessionCsrf, email1: emailField({ optional: true }), email2: emailField({ optional: true }), email3: emailField({ optional: true }), currentPassword: password }),
    fc.constantFrom({}, {}, { accept: '1' }, { intent: 'back' }),
  ).map(([r, extra]) => ({ ...r, ...extra }))),
  post('/punch', nearMissRecord({ _csrf: sessionCsrf, kind, requestId })),
  post('/kiosk', nearMissRecord({
    identifier: field(fc.oneof(fc.constant(ref((s) => s.code)), fc.constant(ref((s) => s.loginId)), fc.constant(ref((s) => ` ${s.code} `)), fc.constant('9999')), fc.constantFrom('', '   ', 'x'.repeat(65))),
    passcode: field(fc.oneof({ weight: 3, arbitrary: fc.constant(ref((s) => s.passcode)) }, { weight: 1, arbitrary: fc.constantFrom('0000', '1234', '') }), fc.constant('1'.repeat(17))),
    kind, requestId,
  }), true),
  token.chain((t) => post(ref((s) => `/verify/${String(t instanceof Ref ? (t as Ref<LanState>).resolve(s) : t)}`), fc.constant({}), true)),
);
