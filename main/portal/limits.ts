/**
 * How much each source address may fail (or ask) on the LAN pages, in one place. A source is
 * one address as the portal sees it: a PC, the shared kiosk tablet, or a whole office behind
 * one NAT address — so successes never count against it (40 colleagues logging in at 9:00
 * from one NAT address all pass), only failures do. Per-account protection is the lockout
 * (5 wrong passwords lock a login for 15 minutes, 10 wrong passcodes lock the passcode); these
 * budgets stop one source from spraying guesses across many accounts.
 *
 * Each budget is a sliding window: at most `max` failures within any `windowMs`. Several
 * budgets on one route all apply (a short one against bursts, a long one against patience).
 */
export interface Budget { max: number; windowMs: number }

export interface PortalLimits {
  /** wrong passwords: POST /login and the current password asked by /password, /mypage/login-id, /mypage/addresses */
  passwordFailures: Budget[];
  /** refused punches on the shared 「Webタイムレコーダー」 */
  kioskFailures: Budget[];
  /** every request to /kiosk, refused or not: a flood cap, far above any real rush */
  kioskRequests: Budget;
  /** unknown verification links (404) */
  verifyFailures: Budget[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const PORTAL_LIMITS: PortalLimits = {
  // 20 typos in 5 minutes is far more than an office's morning produces, yet one source can try
  // at most 100 passwords an hour across all accounts (an account itself locks after 5).
  passwordFailures: [{ max: 20, windowMs: 5 * MINUTE }, { max: 100, windowMs: HOUR }],
  // One tablet serves a whole office: a morning rush of a few hundred punches brings a few dozen
  // mistyped codes, which must not close the kiosk for everyone; a source trying codes across
  // employees fails at most 10 times a minute and 60 times an hour, so it locks at most 6
  // employees an hour (10 wrong passcodes lock one), never most of them.
  kioskFailures: [{ max: 10, windowMs: MINUTE }, { max: 60, windowMs: HOUR }],
  // 60 employees punching within a minute need about 180 requests (form, punch, return to the
  // form); 600 a minute leaves room for several rushes and still stops a flood.
  kioskRequests: { max: 600, windowMs: MINUTE },
  // Links carry 128 random bits, so guessing is hopeless anyway; this stops floods of lookups while
  // an employee mistyping a link by hand a few times is never refused.
  verifyFailures: [{ max: 20, windowMs: 10 * MINUTE }],
};

export const withLimits = (overrides: Partial<PortalLimits> = {}): PortalLimits => ({ ...PORTAL_LIMITS, ...overrides });
