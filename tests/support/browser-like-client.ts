import { request as httpRequest } from 'node:http';

/**
 * A tiny HTTP client that keeps cookies like a browser and reads form tokens from pages.
 * `sourceAddress` (any 127.x.y.z: the whole 127.0.0.0/8 is loopback) plays another PC of the LAN.
 */
export class BrowserLikeClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly base: string, private readonly sourceAddress?: string) {}

  async request(method: string, path: string, form?: Record<string, string>): Promise<{ status: number; html: string; location: string | null; headers: Headers }> {
    const url = new URL(path, this.base);
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const res = await new Promise<{ status: number; headers: Headers; text: string }>((resolve, reject) => {
      const req = httpRequest(url, {
        method,
        localAddress: this.sourceAddress,
        headers: {
          ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
          ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
      }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(r.headers)) {
            for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) headers.append(k, one);
          }
          resolve({ status: r.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
        });
        r.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
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
  from(sourceAddress: string): BrowserLikeClient {
    const copy = new BrowserLikeClient(this.base, sourceAddress);
    for (const [k, v] of this.cookies) copy.cookies.set(k, v);
    return copy;
  }
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no form token on the page');
  return m[1]!;
}

/** The n-th of many LAN clients: a distinct loopback source address each (127.1.x.y). */
export const lanAddress = (n: number): string => `127.1.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
