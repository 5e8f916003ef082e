import type { Request, Response } from 'express';
import { tooManyPage } from './pages/simple-pages';

/**
 * Answers 429 with the time to wait (Retry-After, and 「約N分後」 on the page) and a link back
 * to the page the request came from. Every guarded path is itself a page (/login, /kiosk,
 * /password, /mypage/…, /verify/<token>), so the way back is the request's own path.
 */
export function sendTooMany(req: Request, res: Response, companyName: string, retryAfterMs: number): void {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const path = req.originalUrl.split('?')[0]!;
  const back = path.startsWith('/') && !path.startsWith('//') ? path : '/';
  res.status(429).set({ 'Retry-After': String(seconds), 'Cache-Control': 'no-store' }).type('html')
    .send(tooManyPage({ companyName, minutes: Math.max(1, Math.ceil(seconds / 60)), back, kiosk: back === '/kiosk' }));
}
