import { BRIDGE_CALL_PATH, BRIDGE_TOKEN_HEADER, type MethodInput, type MethodName, type MethodResult } from '../../preload/contract';

/**
 * The admin screens' calls as the browser makes them to a running headless server: the launch's
 * token from the served page, the session cookie kept between calls.
 */
export class AdminClient {
  private cookie = '';

  private constructor(private readonly base: string, private readonly token: string) {}

  static async open(adminUrl: string): Promise<AdminClient> {
    const page = await (await fetch(adminUrl)).text();
    const token = /name="focusu-token" content="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error('the admin page carries no token (is the renderer built? npm run build:renderer)');
    return new AdminClient(adminUrl, token);
  }

  /** The call's outcome as the dispatcher answers it. */
  async outcome<M extends MethodName>(method: M, input: MethodInput<M>): Promise<{ ok: true; result: MethodResult<M> } | { ok: false; error: { code: string; message: string } }> {
    const res = await fetch(new URL(`${BRIDGE_CALL_PATH}${method}`, this.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: this.token, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify(input ?? {}),
    });
    for (const c of res.headers.getSetCookie()) this.cookie = c.split(';')[0]!;
    return res.json() as Promise<{ ok: true; result: MethodResult<M> } | { ok: false; error: { code: string; message: string } }>;
  }

  /** The call's result; a refusal throws with its message. */
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
    const o = await this.outcome(method, input);
    if (!o.ok) throw new Error(`${method}: ${o.error.code} ${o.error.message}`);
    return o.result;
  }
}
