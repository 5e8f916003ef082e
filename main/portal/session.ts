import type { Request } from 'express';
import { cookieOf } from '../net/cookie-of';
import type { PortalAuthService, PortalSession } from '../services/portal-auth-service';

export const SESSION_COOKIE = 'fu_session';

export const sessionIdOf = (req: Request): string | undefined => cookieOf(req, SESSION_COOKIE);

/** The employee's live session, or null (then the route sends them to /login). */
export const sessionOf = (req: Request, auth: PortalAuthService): PortalSession | null => auth.session(sessionIdOf(req));

/** A fresh id for each rendered 打刻 form: the punch is recorded once per id. */
export const REQUEST_ID = /^[A-Za-z0-9_-]{22}$/;
