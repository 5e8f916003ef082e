import { randomBase64url } from '../../services/support/random-pool';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ja } from '../../../preload/i18n/ja';
import { createEmployeeSchema, loginIdSchema } from '../../../preload/schemas';
import type { EmployeeService } from '../../services/employee-service';
import type { PortalAuthService, PortalSession } from '../../services/portal-auth-service';
import type { PunchService } from '../../services/punch-service';
import { AppError } from '../../services/support/errors';
import { formatTime } from '../../../preload/i18n/format-date-time';
import { formTokenValid } from '../csrf';
import { addressesPage, homePage, loginIdPage, myPage, type AddressFormModel, type HomeModel } from '../pages/my-pages';
import type { PortalContext } from '../portal-context';
import { REQUEST_ID, sessionOf } from '../session';
import type { Signer } from '../signed';
import type { Clock } from '../../services/support/clock';

const p = ja.portal;
const addressForm = createEmployeeSchema.pick({ email1: true, email2: true, email3: true });
const punchForm = z.object({ kind: z.enum(['in', 'out']), requestId: z.string().regex(REQUEST_ID) });
const loginIdForm = z.object({ loginId: loginIdSchema, currentPassword: z.string().max(1024) });

/** HOME with 打刻, マイページ and its changes (SPEC §9, §10). Every route needs a live session. */
/** How long the duplicate warning's 「OK」 stands for the password typed before it. */
const CONFIRM_VALID_MS = 10 * 60_000;
const PUNCHED = /^(in|out)\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/;

export function myPageRoutes(
  ctx: PortalContext, deps: { auth: PortalAuthService; employees: EmployeeService; punches: PunchService; clock: Clock; signer: Signer },
): Router {
  const { auth, employees, punches, clock, signer } = deps;
  const router = Router();

  /** Runs `handler` for a logged-in employee whose password need not be changed first. */
  const withSession = (handler: (req: Request, res: Response, s: PortalSession, name: string) => unknown) =>
    async (req: Request, res: Response) => {
      const s = sessionOf(req, auth);
      if (!s) return void res.redirect(303, '/login');
      if (s.mustChangePassword) return void res.redirect(303, '/password');
      const profile = auth.profile(s.employeeId);
      if (!profile) return void res.redirect(303, '/login');
      if (req.method === 'POST' && !formTokenValid(req, s.csrfToken)) return void res.redirect(303, req.path);
      res.set('Cache-Control', 'no-store');
      await handler(req, res, s, profile.name);
    };

  const home = (s: PortalSession, name: string, extra: Partial<HomeModel> = {}) => homePage({
    companyName: ctx.companyName(), csrf: s.csrfToken, name, previousLoginAt: auth.profile(s.employeeId)!.previousLoginAt,
    punches: punches.today(s.employeeId), punchRequestId: randomBase64url(16), ...extra,
  });

  /** 「出勤を打刻しました（09:00）。」 after the redirect, only for a punch this session recorded */
  const punchedNotice = (s: PortalSession, value: unknown): string | undefined => {
    const m = typeof value === 'string' ? PUNCHED.exec(value) : null;
    if (!m || !signer.valid(m[3], s.csrfToken, 'punched', m[1]!, m[2]!)) return undefined;
    return ja.punch.done(m[1] === 'in' ? ja.punch.in : ja.punch.out, formatTime(Number(m[2])));
  };

  router.get('/', withSession((req, res, s, name) => {
    const notice = req.query.changed === '1' ? p.passwordChanged : punchedNotice(s, req.query.punched);
    res.type('html').send(home(s, name, { notice }));
  }));

  // Committed before the confirmation is shown; a resent form (same request id) records nothing new.
  // The answer is a redirect to HOME, so that reloading the page does not offer to send the form again.
  router.post('/punch', withSession((req, res, s, name) => {
    const form = punchForm.safeParse(req.body);
    if (!form.success) return void res.status(400).type('html').send(home(s, name, { error: p.badRequest }));
    try {
      const r = punches.punch(s.employeeId, form.data.kind, form.data.requestId);
      const at = String(r.at);
      res.redirect(303, `/?punched=${r.kind}.${at}.${signer.sign(s.csrfToken, 'punched', r.kind, at)}`);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      res.status(403).type('html').send(home(s, name, { error: e.message }));
    }
  }));

  const showMyPage = (res: Response, s: PortalSession, name: string, notice?: string) => {
    const e = employees.get(s.employeeId);
    res.type('html').send(myPage({
      companyName: ctx.companyName(), csrf: s.csrfToken, name, loginId: e.loginId, addresses: [e.email1, e.email2, e.email3], notice,
    }));
  };
  router.get('/mypage', withSession((req, res, s, name) => {
    const saved = { loginId: p.loginIdChanged, addresses: p.addressesSaved } as Record<string, string>;
    showMyPage(res, s, name, saved[String(req.query.saved)]);
  }));

  router.get('/mypage/login-id', withSession((_req, res, s, name) => {
    res.type('html').send(loginIdPage({ companyName: ctx.companyName(), csrf: s.csrfToken, name, current: employees.get(s.employeeId).loginId }));
  }));

  router.post('/mypage/login-id', withSession(async (req, res, s, name) => {
    const again = (error: string, value?: string, status = 400) => res.status(status).type('html').send(loginIdPage({
      companyName: ctx.companyName(), csrf: s.csrfToken, name, current: employees.get(s.employeeId).loginId, value, error,
    }));
    const form = loginIdForm.safeParse(req.body);
    if (!form.success) return void again(form.error.issues[0]?.message ?? p.badRequest, String(req.body?.loginId ?? '').slice(0, 64));
    if (!(await auth.checkPassword(s.employeeId, form.data.currentPassword))) return void again(p.currentPasswordWrong, form.data.loginId, 401);
    try {
      employees.changeLoginId(s.employeeId, form.data.loginId);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return void again(e.message, form.data.loginId);
    }
    res.redirect(303, '/mypage?saved=loginId');
  }));

  router.get('/mypage/addresses', withSession((_req, res, s, name) => {
    const e = employees.get(s.employeeId);
    res.type('html').send(addressesPage({ companyName: ctx.companyName(), csrf: s.csrfToken, name, values: [e.email1, e.email2, e.email3] }));
  }));

  // The current password first (a session left open on a shared PC must not redirect the
  // account's mail), then the duplicate warning of SPEC §10: 「OK」 saves anyway, 「キャンセル」
  // returns to the form as typed. 「OK」 carries a seal that the password was checked for exactly
  // these addresses, so the password is typed once and never written into the page.
  router.post('/mypage/addresses', withSession(async (req, res, s, name) => {
    const body = req.body as Record<string, unknown>;
    const raw = [1, 2, 3].map((n) => String(body[`email${n}`] ?? '').slice(0, 300));
    const page = (extra: { error?: string; warnings?: AddressFormModel['warnings']; confirm?: string }, status = 200) =>
      res.status(status).type('html').send(addressesPage({ companyName: ctx.companyName(), csrf: s.csrfToken, name, values: raw, ...extra }));
    if (body.intent === 'back') return void page({});
    const form = addressForm.safeParse({ email1: raw[0], email2: raw[1], email3: raw[2] });
    if (!form.success) return void page({ error: [...new Set(form.error.issues.map((i) => i.message))].join(' ') }, 400);
    const confirmed = body.accept === '1' && confirmationValid(s, body.confirm, raw);
    if (body.accept === '1' && !confirmed) return void page({ error: p.formExpired }, 403);
    if (!confirmed) {
      const password = typeof body.currentPassword === 'string' ? body.currentPassword.slice(0, 1024) : '';
      if (password === '') return void page({ error: p.currentPasswordForAddresses }, 400);
      if (!(await auth.checkPassword(s.employeeId, password))) return void page({ error: p.currentPasswordWrong }, 401);
    }
    const result = employees.updateAddresses(s.employeeId, form.data, confirmed);
    if (result.status === 'needsConfirmation') return void page({ warnings: result.warnings, confirm: confirmation(s, raw) });
    res.redirect(303, '/mypage?saved=addresses');
  }));

  const confirmation = (s: PortalSession, values: string[]) => {
    const until = String(clock.now() + CONFIRM_VALID_MS);
    return `${until}.${signer.sign(s.csrfToken, 'addresses', until, ...values)}`;
  };
  const confirmationValid = (s: PortalSession, token: unknown, values: string[]) => {
    const m = typeof token === 'string' ? /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
    return m !== null && Number(m[1]) >= clock.now() && signer.valid(m[2], s.csrfToken, 'addresses', m[1]!, ...values);
  };

  return router;
}
