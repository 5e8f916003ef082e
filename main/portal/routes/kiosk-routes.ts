import { randomBase64url } from '../../services/support/random-pool';
import { Router } from 'express';
import { z } from 'zod';
import type { PunchService } from '../../services/punch-service';
import { AppError } from '../../services/support/errors';
import type { Clock } from '../../services/support/clock';
import { ja } from '../../../preload/i18n/ja';
import { formTokenValid, issueFormToken } from '../csrf';
import { kioskDonePage, kioskPage, kioskRefusedPage } from '../pages/kiosk-pages';
import type { PortalContext } from '../portal-context';
import { REQUEST_ID } from '../session';

const kioskForm = z.object({
  identifier: z.string().trim().min(1).max(64),
  passcode: z.string().max(16),
  kind: z.enum(['in', 'out']),
  requestId: z.string().regex(REQUEST_ID),
});

/** 「Webタイムレコーダー」: a shared page; 社員コード (or ログインID) and the passcode for each punch. */
export function kioskRoutes(ctx: PortalContext, punches: PunchService, clock: Clock): Router {
  const router = Router();
  const form = (req: Parameters<typeof issueFormToken>[0], res: Parameters<typeof issueFormToken>[1], extra: { error?: string } = {}) =>
    kioskPage({
      companyName: ctx.companyName(), csrf: issueFormToken(req, res, ctx.secureCookies),
      requestId: randomBase64url(16), now: clock.now(), ...extra,
    });

  router.get('/kiosk', (req, res) => {
    res.set('Cache-Control', 'no-store').type('html').send(form(req, res));
  });

  router.post('/kiosk', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!formTokenValid(req)) return void res.status(403).type('html').send(form(req, res, { error: ja.portal.formExpired }));
    const input = kioskForm.safeParse(req.body);
    if (!input.success) return void res.status(400).type('html').send(form(req, res, { error: ja.punch.kioskRefused }));
    try {
      const r = await punches.punchWithPasscode(input.data.identifier, input.data.passcode, input.data.kind, input.data.requestId);
      res.type('html').send(kioskDonePage({ companyName: ctx.companyName(), name: r.name, kind: r.kind, at: r.at }));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // One answer, one status for every refusal: a different text (or code) for "タイムレコーダー 無効"
      // or "not issued yet" would tell the person at the tablet that the passcode was right.
      res.status(401).type('html').send(kioskRefusedPage({ companyName: ctx.companyName() }));
    }
  });
  return router;
}
