/**
 * One access token shared by every send (the one-off sender, each connection of a bulk
 * batch in the mail worker): fetched once, reused until shortly before it expires, renewed
 * when a server refuses it. Pure apart from the fetch it is given, so the rules are tested
 * with a fake clock.
 */
import type { Clock } from '../../support/clock';

export interface FetchedToken {
  accessToken: string;
  /** seconds the authorization server said the token lives (`expires_in`) */
  expiresInSeconds: number;
}

/** A token as handed to a sender: `generation` moves at every fetch, so a refusal names the token it saw. */
export interface HandedToken { accessToken: string; generation: number }

/**
 * Renewed this long before the authorization server's expiry: a token handed out must outlive the
 * SMTP conversation it opens (connect, STARTTLS, AUTH) and a few minutes of clock skew between
 * this PC and the provider. MSAL and google-auth-library use 5 minutes too.
 */
export const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
/**
 * A refused fetch (a wrong secret, a revoked client) is answered from memory this long: a bulk
 * job's rows then fail with the same clear message instead of each asking the provider again.
 * New settings start a new cache, so a corrected secret is tried at once.
 */
export const REMEMBER_REFUSAL_MS = 30_000;

export class TokenCache {
  private current: { accessToken: string; expiresAt: number; generation: number } | null = null;
  private inFlight: Promise<HandedToken> | null = null;
  private refusal: { error: unknown; until: number } | null = null;
  private generation = 0;

  /** `isRefusal`: the provider said no (remembered for a while); anything else (the network) is not remembered */
  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly clock: Clock,
    private readonly isRefusal: (e: unknown) => boolean = () => true,
  ) {}

  /** A token that is valid for a while yet: the cached one, or a new one (one fetch for any number of callers). */
  get(): Promise<HandedToken> {
    const c = this.current;
    if (c && this.clock.now() < c.expiresAt - RENEW_BEFORE_EXPIRY_MS) return Promise.resolve({ accessToken: c.accessToken, generation: c.generation });
    return this.fetch();
  }

  /**
   * A server refused the token of `generation`: fetch a new one, unless another sender has already
   * done so since (then the newer one is the answer). Concurrent refusals share one fetch.
   */
  renew(generation: number): Promise<HandedToken> {
    const c = this.current;
    if (c && c.generation > generation) return Promise.resolve({ accessToken: c.accessToken, generation: c.generation });
    if (!this.inFlight) this.current = null;
    return this.fetch();
  }

  /** 「テスト送信」 asks the provider again: the administrator may have just fixed the app. */
  forgetRefusal(): void {
    this.refusal = null;
  }

  /** How many tokens were fetched so far (the generation of the newest). */
  get fetched(): number {
    return this.generation;
  }

  private fetch(): Promise<HandedToken> {
    if (this.inFlight) return this.inFlight;
    const r = this.refusal;
    if (r && this.clock.now() < r.until) return Promise.reject(r.error);
    const started = this.clock.now(); // the lifetime counts from the request: the answer may take a while
    this.inFlight = this.fetchToken().then(
      (t) => {
        this.refusal = null;
        const generation = ++this.generation;
        this.current = { accessToken: t.accessToken, expiresAt: started + t.expiresInSeconds * 1000, generation };
        return { accessToken: t.accessToken, generation };
      },
      (e: unknown) => {
        if (this.isRefusal(e)) this.refusal = { error: e, until: this.clock.now() + REMEMBER_REFUSAL_MS };
        throw e;
      },
    ).finally(() => (this.inFlight = null));
    return this.inFlight;
  }
}
