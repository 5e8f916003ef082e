import { randomBytes } from 'node:crypto';
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
import { addressesPage, homePage, loginIdPage, myPage, type HomeModel } from '../pages/my-pages';
import type { PortalContext } from '../portal-context';
import { REQUEST_ID, sessionOf } from '../session';

const p = ja.portal;
const addressForm = createEmployeeSchema.pick({ email1: true, email2: true, email3: true });
const punchForm = z.object({ kind: z.enum(['in', 'out']), requestId: z.string().regex(REQUEST_ID) });
const loginIdForm = z.object({ loginId: loginIdSchema, currentPassword: z.string().max(1024) });

/** HOME with 打刻, マイページ and its changes (SPEC §9, §10). Every route needs a live session. */
export function myPageRoutes(
  ctx: PortalContext, deps: { auth: PortalAuthService; employees: EmployeeService; punches: PunchService },
): Router {
  const { auth, employees, punches } = deps;
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
    punches: punches.today(s.employeeId), punchRequestId: randomBytes(16).toString('base64url'), ...extra,
  });

  router.get('/', withSession((req, res, s, name) => {
    res.type('html').send(home(s, name, { notice: req.query.changed === '1' ? p.passwordChanged : undefined }));
  }));

  // Committed before the confirmation is shown; a resent form (same request id) records nothing new.
  router.post('/punch', withSession((req, res, s, name) => {
    const form = punchForm.safeParse(req.body);
    if (!form.success) return void res.status(400).type('html').send(home(s, name, { error: p.badRequest }));
    try {
      const r = punches.punch(s.employeeId, form.data.kind, form.data.requestId);
      const kind = r.kind === 'in' ? ja.punch.in : ja.punch.out;
      res.type('html').send(home(s, name, { notice: ja.punch.done(kind, formatTime(r.at)) }));
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
    const again = (error: string, value?: string) => res.status(400).type('html').send(loginIdPage({
      companyName: ctx.companyName(), csrf: s.csrfToken, name, current: employees.get(s.employeeId).loginId, value, error,
    }));
    const form = loginIdForm.safeParse(req.body);
    if (!form.success) return void again(form.error.issues[0]?.message ?? p.badRequest, String(req.body?.loginId ?? '').slice(0, 64));
    if (!(await auth.checkPassword(s.employeeId, form.data.currentPassword))) return void again(p.currentPasswordWrong, form.data.loginId);
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

  // The duplicate warning of SPEC §10: 「OK」 saves anyway, 「キャンセル」 returns to the form as typed.
  router.post('/mypage/addresses', withSession((req, res, s, name) => {
    const raw = [1, 2, 3].map((n) => String((req.body as Record<string, unknown>)[`email${n}`] ?? '').slice(0, 300));
    const page = (extra: { error?: string; warnings?: Parameters<typeof addressesPage>[0]['warnings'] }, status = 200) =>
      res.status(status).type('html').send(addressesPage({ companyName: ctx.companyName(), csrf: s.csrfToken, name, values: raw, ...extra }));
    if ((req.body as Record<string, unknown>).intent === 'back') return void page({});
    const form = addressForm.safeParse({ email1: raw[0], email2: raw[1], email3: raw[2] });
    if (!form.success) return void page({ error: [...new Set(form.error.issues.map((i) => i.message))].join(' ') }, 400);
    const result = employees.updateAddresses(s.employeeId, form.data, (req.body as Record<string, unknown>).accept === '1');
    if (result.status === 'needsConfirmation') return void page({ warnings: result.warnings });
    res.redirect(303, '/mypage?saved=addresses');
  }));

  return router;
}
