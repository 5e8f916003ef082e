import { request as httpRequest } from 'node:http';

export interface ClientOptions {
  /**
   * The source address this "browser" connects from. The whole 127.0.0.0/8 is loopback, so
   * 127.x.y.z plays another PC on the LAN: the portal sees a different client address.
   */
  localAddress?: string;
  /** extra headers on every request (a forged Host or Origin, as a rebinding page would send) */
  headers?: Record<string, string>;
}

export interface ClientResponse { status: number; html: string; location: string | null; headers: Headers }

/** A tiny HTTP client that keeps cookies like a browser and reads form tokens from pages. */
export class BrowserLikeClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly base: string, private readonly options: ClientOptions = {}) {}

  async request(method: string, path: string, form?: Record<string, string>, headers: Record<string, string> = {}): Promise<ClientResponse> {
    const url = new URL(path, this.base);
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const res = await send(url, {
      method,
      localAddress: this.options.localAddress,
      headers: {
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } : {}),
        ...this.options.headers,
        ...headers,
      },
    }, body);
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair!.split('=');
      const v = value.join('=');
      if (v === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name!);
      else this.cookies.set(name!, v);
    }
    return { status: res.status, html: method === 'HEAD' ? '' : res.text, location: res.headers.get('location'), headers: res.headers };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** Follows 303s the way a browser does after a form post. */
  async post(path: string, form: Record<string, string>) {
    let r = await this.request('POST', path, form);
    while (r.status === 303 && r.location) r = await this.request('GET', r.location);
    return r;
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  /** The same browser session (its cookies) seen from another source address. */
  from(localAddress: string): BrowserLikeClient {
    const copy = new BrowserLikeClient(this.base, { ...this.options, localAddress });
    for (const [k, v] of this.cookies) copy.cookies.set(k, v);
    return copy;
  }
}

/** One request over node:http (fetch cannot choose its source address). */
function send(url: URL, opts: { method: string; localAddress?: string; headers: Record<string, string> }, body?: string) {
  return new Promise<{ status: number; text: string; headers: Headers }>((resolve, reject) => {
    if (url.protocol !== 'http:') return reject(new Error('BrowserLikeClient speaks plain HTTP only'));
    const req = httpRequest(url, { method: opts.method, headers: opts.headers, localAddress: opts.localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) headers.append(k, one);
        }
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no form token on the page');
  return m[1]!;
}

/** The n-th of many LAN clients: 127.0.1.1, 127.0.1.2, … (n from 0 to 65 000). */
export const lanAddress = (n: number): string => `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;
