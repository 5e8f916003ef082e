import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ja } from '../../../preload/i18n/ja';
import { newPasswordSchema } from '../../../preload/schemas';
import type { PortalAuthService, PortalSession } from '../../services/portal-auth-service';
import { AppError } from '../../services/support/errors';
import { formTokenValid, issueFormToken } from '../csrf';
import { changePasswordPage, loginPage } from '../pages/account-pages';
import type { PortalContext } from '../portal-context';
import { SESSION_COOKIE, sessionIdOf as sessionId, sessionOf } from '../session';

const p = ja.portal;

const loginForm = z.object({ loginId: z.string().max(256), password: z.string().max(1024) });
const passwordForm = z.object({
  currentPassword: z.string().max(1024),
  newPassword: newPasswordSchema,
  newPasswordConfirm: z.string().max(1024),
});

/** Login, the password change and logout (SPEC §9). */
export function accountRoutes(ctx: PortalContext, auth: PortalAuthService): Router {
  const router = Router();
  const current = (req: Request): PortalSession | null => sessionOf(req, auth);
  const showLogin = (req: Request, res: Response, extra: { error?: string; loginId?: string; notice?: string } = {}, status = 200) =>
    res.status(status).type('html').send(loginPage({ companyName: ctx.companyName(), csrf: issueFormToken(req, res, ctx.secureCookies), ...extra }));

  router.get('/login', (req, res) => {
    if (current(req)) return void res.redirect(303, '/');
    showLogin(req, res);
  });

  router.post('/login', async (req, res) => {
    if (!formTokenValid(req)) return void showLogin(req, res, { error: p.formExpired }, 403);
    const form = loginForm.safeParse(req.body);
    if (!form.success) return void showLogin(req, res, { error: p.loginFailed }, 400);
    const id = await auth.login(form.data.loginId, form.data.password);
    if (!id) return void showLogin(req, res, { error: p.loginFailed, loginId: form.data.loginId.slice(0, 64) }, 401);
    auth.logout(sessionId(req)); // a fresh session id at every login (a refused one leaves the session as it was)
    res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: ctx.secureCookies, path: '/' });
    res.redirect(303, '/');
  });

  const page = (s: PortalSession, error?: string) => changePasswordPage({
    companyName: ctx.companyName(), csrf: s.csrfToken, mustChange: s.mustChangePassword, name: auth.profile(s.employeeId)?.name ?? '', error,
  });

  router.get('/password', (req, res) => {
    const s = current(req);
    if (!s) return void res.redirect(303, '/login');
    res.set('Cache-Control', 'no-store').type('html').send(page(s));
  });

  router.post('/password', async (req, res) => {
    const s = current(req);
    if (!s) return void res.redirect(303, '/login');
    const again = (error: string, status: number) => res.status(status).type('html').send(page(s, error));
    if (!formTokenValid(req, s.csrfToken)) return void again(p.formExpired, 403);
    const form = passwordForm.safeParse(req.body);
    if (!form.success) return void again(form.error.issues[0]?.message ?? p.badRequest, 400);
    if (form.data.newPassword !== form.data.newPasswordConfirm) return void again(p.confirmMismatch, 400);
    try {
      await auth.changePassword(sessionId(req)!, form.data.currentPassword, form.data.newPassword);
    } catch (e) {
      // 401 for a wrong current password: that is a guess, and the source's budget counts it
      if (e instanceof AppError) return void again(e.message, isWrongPassword(e) ? 401 : 400);
      throw e;
    }
    res.redirect(303, '/?changed=1');
  });

  router.post('/logout', (req, res) => {
    const s = current(req);
    if (s && !formTokenValid(req, s.csrfToken)) return void res.redirect(303, '/');
    auth.logout(sessionId(req));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    showLogin(req, res, { notice: p.loggedOut });
  });
  return router;
}

/** The refusal of a current password (the lead's lockout may answer it as AUTH_FAILED). */
export const isWrongPassword = (e: AppError): boolean => e.code === 'AUTH_FAILED' || e.fieldErrors?.currentPassword !== undefined;
