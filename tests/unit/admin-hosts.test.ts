import { describe, expect, it } from 'vitest';
import { adminHostPolicy, isLoopbackHost } from '../../main/bridge/admin-hosts';
import { adminCookie } from '../../main/bridge/admin-cookie';

describe('the admin screens answer to their own names only', () => {
  it('on 127.0.0.1: exactly 127.0.0.1 and localhost with this port, over http (as before)', () => {
    const p = adminHostPolicy({ listenHost: '127.0.0.1', port: 8123, secure: false, names: [] });
    expect(['127.0.0.1:8123', 'localhost:8123', 'LOCALHOST:8123'].map((h) => p.allowsHost(h))).toEqual([true, true, true]);
    expect(['127.0.0.1:8124', '127.0.0.1', 'evil.example:8123', '192.168.1.5:8123', 'localhost.:8124', undefined, 'a b:8123']
      .map((h) => p.allowsHost(h))).toEqual([false, false, false, false, false, false, false]);
    expect(p.allowsOrigin('http://127.0.0.1:8123')).toBe(true);
    expect(p.allowsOrigin('https://127.0.0.1:8123')).toBe(false);
    expect(p.allowsOrigin('http://evil.example:8123')).toBe(false);
  });

  it('on a LAN address: any IP literal and the configured names, with this port, over https only', () => {
    const p = adminHostPolicy({ listenHost: '0.0.0.0', port: 8443, secure: true, names: ['Focus-U.Office.lan'] });
    expect(['192.168.1.5:8443', '[fd00::5]:8443', 'focus-u.office.lan:8443', 'FOCUS-U.office.lan.:8443', '127.0.0.1:8443']
      .map((h) => p.allowsHost(h))).toEqual([true, true, true, true, true]);
    // DNS rebinding needs a name: a name nobody configured, even one that resolves here, gets nothing
    expect(['evil.example:8443', 'focus-u.office.lan:8444', 'focus-u.office.lan', 'office.lan:8443', 'localhost:8443', 'x.focus-u.office.lan:8443']
      .map((h) => p.allowsHost(h))).toEqual([false, false, false, false, false, false]);
    expect(p.allowsOrigin('https://focus-u.office.lan:8443')).toBe(true);
    expect(p.allowsOrigin('https://192.168.1.5:8443')).toBe(true);
    expect(p.allowsOrigin('http://focus-u.office.lan:8443')).toBe(false); // a plain-HTTP page is not this server
    expect(p.allowsOrigin('https://evil.example:8443')).toBe(false);
    expect(p.allowsOrigin('null')).toBe(false);
  });

  it('on 443 a browser leaves the port out of Host and Origin', () => {
    const p = adminHostPolicy({ listenHost: '192.168.1.5', port: 443, secure: true, names: ['admin.example.lan'] });
    expect(p.allowsHost('admin.example.lan')).toBe(true);
    expect(p.allowsHost('admin.example.lan:443')).toBe(true);
    expect(p.allowsOrigin('https://admin.example.lan')).toBe(true);
    expect(p.allowsHost('admin.example.lan:8443')).toBe(false);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.5', 'localhost', '128.0.0.1'].map(isLoopbackHost)).toEqual([false, false, false, false, false]);
  });
});

describe('the admin session cookie', () => {
  it('over HTTPS: __Host- prefixed, Secure, HttpOnly, SameSite=Strict, Path=/ and no Domain', () => {
    expect(adminCookie(8443, true)).toEqual({
      name: '__Host-focusu_admin_8443', options: { httpOnly: true, sameSite: 'strict', secure: true, path: '/' },
    });
  });
  it('over plain HTTP on loopback: named after the port, HttpOnly, SameSite=Strict (as before)', () => {
    expect(adminCookie(8123, false)).toEqual({ name: 'focusu_admin_8123', options: { httpOnly: true, sameSite: 'strict', path: '/' } });
  });
});
