import { Router } from 'express';
import { ja } from '../../../preload/i18n/ja';
import { VERIFY_PATH, type MailVerificationService, type VerifyOutcome } from '../../services/mail-verification-service';
import { formTokenValid, issueFormToken } from '../csrf';
import { verifyConfirmPage, verifyResultPage } from '../pages/verify-pages';
import type { PortalContext } from '../portal-context';

const p = ja.portal;

/** The mail's link: GET shows 「認証する」 and changes nothing; only its POST verifies. */
export function verifyRoutes(ctx: PortalContext, verification: MailVerificationService): Router {
  const router = Router();
  const result = (title: string, lines: readonly string[], tone: 'success' | 'error' = 'error') =>
    verifyResultPage({ companyName: ctx.companyName(), title, lines, tone });

  const pages: Record<VerifyOutcome | 'used', () => string> = {
    verified: () => result(p.verifiedTitle, p.verifiedLines, 'success'),
    alreadyVerified: () => result(p.alreadyVerifiedTitle, p.verifiedLines, 'success'),
    used: () => result(p.alreadyVerifiedTitle, p.verifiedLines, 'success'),
    expired: () => result(p.expiredTitle, p.expiredLines),
    invalid: () => result(p.invalidTitle, p.invalidLines),
    mailFailed: () => result(p.mailFailedTitle, p.mailFailedLines),
    unavailable: () => result(p.verifyUnavailableTitle, p.verifyUnavailableLines),
    busy: () => result(p.busyTitle, p.busyLines),
  };

  router.get(`/${VERIFY_PATH}:token`, (req, res) => {
    const state = verification.inspect(req.params.token);
    res.set('Cache-Control', 'no-store');
    if (state.status !== 'valid') return void res.status(state.status === 'invalid' ? 404 : 200).type('html').send(pages[state.status]());
    const csrf = issueFormToken(req, res, ctx.secureCookies);
    res.type('html').send(verifyConfirmPage({ companyName: ctx.companyName(), name: state.name, csrf, action: req.originalUrl }));
  });

  router.post(`/${VERIFY_PATH}:token`, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!formTokenValid(req)) return void res.status(403).type('html').send(result(p.formExpired, [p.formExpired]));
    const outcome = await verification.verify(req.params.token);
    const status = outcome === 'invalid' ? 404 : outcome === 'mailFailed' || outcome === 'unavailable' ? 503 : outcome === 'busy' ? 409 : 200;
    res.status(status).type('html').send(pages[outcome]());
  });
  return router;
}
