import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startBridgeServer, type RunningBridge } from '../../main/bridge/server';
import type { App } from '../../main/composition';
import {
  BRIDGE_CALL_PATH, BRIDGE_TOKEN_HEADER, PDF_DOWNLOAD_PATH, type AppErrorData, type MethodName, type MethodResult,
} from '../../preload/contract';

export type Answer<T> = { ok: true; result: T } | { ok: false; error: AppErrorData };

/** The app's loopback bridge, as headless mode starts it, with a stub page (the screens are not needed). */
export async function startTestBridge(app: App, dataDir: string): Promise<RunningBridge> {
  const rendererDir = path.join(dataDir, 'renderer-stub');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><meta name="focusu-token" content=""></head></html>');
  // Built as a value, not passed as a literal: options other branches add (an event-stream check) fit in too.
  const options = {
    port: 0, dispatcher: app.dispatcher, events: app.events, logger: app.logger, rendererDir,
    isLoggedIn: (s: string | null) => app.auth.isLoggedIn(s), isSessionLive: (s: string | null) => app.auth.isLoggedIn(s),
    issuance: app.issuance,
  };
  return startBridgeServer(options);
}

/**
 * One administrator's browser tab: its own session cookie, this launch's token, the contract's
 * calls and the PDF download, over real HTTP. Two tabs are two sessions of the same 法人管理者.
 */
export class AdminTab {
  private constructor(private readonly bridge: RunningBridge, private readonly cookie: string) {}

  static async login(bridge: RunningBridge, loginId: string, password: string): Promise<AdminTab> {
    const res = await fetch(new URL(`${BRIDGE_CALL_PATH}auth.login`, bridge.url), {
      method: 'POST', headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: bridge.token },
      body: JSON.stringify({ loginId, password }),
    });
    const answer = (await res.json()) as Answer<unknown>;
    const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
    if (!answer.ok || !cookie) throw new Error(`admin login failed: ${JSON.stringify(answer)}`);
    return new AdminTab(bridge, cookie);
  }

  /** The session id behind the cookie (for a call made in-process with this tab's session). */
  get sessionId(): string {
    return this.cookie.slice(this.cookie.indexOf('=') + 1);
  }

  async call<M extends MethodName>(method: M, input: unknown): Promise<Answer<MethodResult<M>>> {
    const res = await fetch(new URL(BRIDGE_CALL_PATH + method, this.bridge.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: this.bridge.token, cookie: this.cookie },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Answer<MethodResult<M>>;
  }

  /** A call that must succeed: its result. */
  async ok<M extends MethodName>(method: M, input: unknown): Promise<MethodResult<M>> {
    const a = await this.call(method, input);
    if (!a.ok) throw new Error(`${method} refused: ${a.error.code} ${a.error.message}`);
    return a.result;
  }

  /** The browser's download of a prepared notice (the link the screen clicks). */
  async download(issueId: string): Promise<{ status: number; contentType: string; body: Buffer }> {
    const res = await fetch(new URL(PDF_DOWNLOAD_PATH + issueId, this.bridge.url), { headers: { cookie: this.cookie } });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
  }
}
