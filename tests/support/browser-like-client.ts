/** A tiny HTTP client that keeps cookies like a browser and reads form tokens from pages. */
export class BrowserLikeClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  async request(method: string, path: string, form?: Record<string, string>): Promise<{ status: number; html: string; location: string | null; headers: Headers }> {
    const res = await fetch(new URL(path, this.base), {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair!.split('=');
      const v = value.join('=');
      if (v === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name!);
      else this.cookies.set(name!, v);
    }
    return { status: res.status, html: method === 'HEAD' ? '' : await res.text(), location: res.headers.get('location'), headers: res.headers };
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
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no form token on the page');
  return m[1]!;
}
