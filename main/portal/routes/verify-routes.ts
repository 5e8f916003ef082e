import { Router, type Request, type RequestHandler } from 'express';
import { ja } from '../../../preload/i18n/ja';
import {
  VERIFY_PATH, type LinkState, type MailVerificationService, type VerifyOutcome,
} from '../../services/mail-verification-service';
import { formTokenValid, issueFormToken } from '../csrf';
import { verifyConfirmPage, verifyResultPage } from '../pages/verify-pages';
import type { PortalContext } from '../portal-context';

const p = ja.portal;

type Used = Extract<LinkState, { status: 'used' }>;
/** a page as it is sent: a dead link's page comes encoded once (verifyResultPage) */
type Page = { status: number; html: string | Buffer };

/**
 * The mail's link: GET shows 「認証する」 and changes nothing; only its POST verifies. `guard`: the
 * links' failure budget, before either; `readForm`: the POST's body parser.
 */
export function verifyRoutes(
  ctx: PortalContext, verification: MailVerificationService, mw: { guard: RequestHandler; readForm: RequestHandler },
): Router {
  const router = Router();
  const result = (title: string, lines: readonly string[], o: { tone?: 'success' | 'info' | 'error'; name?: string; loginLink?: boolean } = {}) =>
    verifyResultPage({ companyName: ctx.companyName(), title, lines, tone: o.tone ?? 'error', name: o.name, loginLink: o.loginLink });

  const invalid = (): Page => ({ status: 404, html: result(p.invalidTitle, p.invalidLines) });
  const expired = (): Page => ({ status: 200, html: result(p.expiredTitle, p.expiredLines) });

  /** A used link: what is true now for that account (its mail on its way, logged in since, or replaced). */
  function used(s: Pick<Used, 'name' | 'via' | 'since'>): Page {
    const title = s.via === 'thisLink' ? p.usedTitle : p.usedElsewhereTitle;
    const lines = s.since === 'awaitingLogin' ? p.usedAwaitingLoginLines : s.since === 'loggedIn' ? p.usedLoggedInLines : p.usedReplacedLines;
    return { status: 200, html: result(title, lines, { tone: s.since === 'replaced' ? 'info' : 'success', name: s.name, loginLink: s.since === 'loggedIn' }) };
  }

  /** The page of a link that cannot be verified (any state but 'valid'). */
  function stateOf(state: Exclude<LinkState, { status: 'valid' }>): Page {
    switch (state.status) {
      case 'used': return used(state);
      case 'revoked': return { status: 410, html: result(p.revokedTitle, p.revokedLines) };
      case 'expired': return expired();
      case 'invalid': return invalid();
    }
  }

  /** After 「認証する」: the outcome, said with what the link is now. */
  function outcomeOf(outcome: VerifyOutcome, state: LinkState): Page {
    switch (outcome) {
      case 'verified':
        return { status: 200, html: result(p.verifiedTitle, p.verifiedLines, { tone: 'success', name: 'name' in state ? state.name : undefined }) };
      case 'alreadyVerified':
        // pressed again; its account mail may still be on its way (the link not yet marked used)
        return state.status === 'valid' ? used({ name: state.name, via: 'thisLink', since: 'awaitingLogin' }) : state.status === 'used' ? used(state) : invalid();
      case 'invalid':
        return state.status === 'revoked' || state.status === 'used' ? stateOf(state) : invalid();
      case 'expired': return expired();
      case 'mailFailed': return { status: 503, html: result(p.mailFailedTitle, p.mailFailedLines) };
      case 'unavailable': return { status: 503, html: result(p.verifyUnavailableTitle, p.verifyUnavailableLines) };
      // another password for this employee is on its way (another link pressed, or the administrator's account mail)
      case 'busy': return { status: 409, html: result(p.busyTitle, p.busyLines) };
    }
  }

  router.get(`/${VERIFY_PATH}:token`, mw.guard, (req: Request<{ token: string }>, res) => {
    const state = verification.inspect(req.params.token);
    res.set('Cache-Control', 'no-store');
    if (state.status !== 'valid') {
      const page = stateOf(state);
      return void res.status(page.status).type('html').send(page.html);
    }
    const csrf = issueFormToken(req, res, ctx.secureCookies);
    res.type('html').send(verifyConfirmPage({ companyName: ctx.companyName(), name: state.name, csrf, action: req.originalUrl }));
  });

  router.post(`/${VERIFY_PATH}:token`, mw.guard, mw.readForm, async (req: Request<{ token: string }>, res) => {
    res.set('Cache-Control', 'no-store');
    if (!formTokenValid(req)) return void res.status(403).type('html').send(result(p.formExpired, [p.formExpired]));
    const outcome = await verification.verify(req.params.token);
    const page = outcomeOf(outcome, verification.inspect(req.params.token));
    res.status(page.status).type('html').send(page.html);
  });
  return router;
}
