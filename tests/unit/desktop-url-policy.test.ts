import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl, isSafeExternalUrl, mimeTypeOf } from '../../main/desktop/url-policy';
import { resolveUnderRoot } from '../../main/desktop/resolve-under-root';
import { isTrustedSender, type SenderEvent } from '../../main/desktop/trusted-sender';

describe('isAppUrl: our origin only, parsed, never a prefix test', () => {
  it('takes app://focusu pages', () => {
    for (const url of ['app://focusu/index.html', 'app://focusu/', 'app://focusu/index.html#/settings']) {
      expect([url, isAppUrl(url)]).toEqual([url, true]);
    }
  });
  it('refuses foreign origins, look-alikes, ports and user-info URLs', () => {
    for (const url of [
      'https://focusu/', 'app://focusu.evil.example/', 'app://evil.example/focusu', 'app://focusu:8080/', 'app://evil@focusu/',
      'app://focusu:pw@focusu/index.html', 'app://focusu@evil.example/', 'file:///focusu/index.html', 'app:focusu', 'javascript:alert(1)',
      'app://focus%75/', '', 'not a url',
    ]) {
      expect([url, isAppUrl(url)]).toEqual([url, false]);
    }
  });
});

describe('isSafeExternalUrl: only http(s) without user info goes to the system browser', () => {
  it('takes plain http and https', () => {
    for (const url of ['https://www.example.com/help', 'http://192.168.1.10:8080/', 'https://www.example.com?to=a@b.example', 'https://example.com/#x@y']) expect([url, isSafeExternalUrl(url)]).toEqual([url, true]);
  });
  it('refuses other schemes and user-info URLs', () => {
    for (const url of [
      'file:///etc/passwd', 'javascript:alert(1)', 'app://focusu/', 'smb://server/share', 'ms-settings:privacy', 'data:text/html,x',
      'https://user:pass@example.com/', 'https://bank.example.com@evil.example/', 'https://@evil.example/', 'not a url',
    ]) {
      expect([url, isSafeExternalUrl(url)]).toEqual([url, false]);
    }
  });
});

describe('resolveUnderRoot: a request path maps to a file under the renderer folder, or to nothing', () => {
  const flavours = [
    { name: 'posix', p: path.posix, root: '/opt/focusu/dist/renderer' },
    { name: 'win32', p: path.win32, root: 'C:\\Program Files\\Focus U\\resources\\app\\dist\\renderer' },
  ] as const;

  for (const { name, p, root } of flavours) {
    describe(name, () => {
      it('serves index.html for / and files below the root', () => {
        expect(resolveUnderRoot(root, '/', p)).toBe(p.join(root, 'index.html'));
        expect(resolveUnderRoot(root, '', p)).toBe(p.join(root, 'index.html'));
        expect(resolveUnderRoot(root, '/assets/index-3f9a.js', p)).toBe(p.join(root, 'assets', 'index-3f9a.js'));
        expect(resolveUnderRoot(root, '/assets/%E7%94%BB%E5%83%8F.png', p)).toBe(p.join(root, 'assets', '画像.png'));
      });

      it('refuses every way out of the root', () => {
        for (const request of [
          '/../secret.txt', '/assets/../../secret.txt', '/..', '/./index.html',
          // encoded dots and separators
          '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/.%2e/secret.txt',
          // double-encoded: a second decoding anywhere later would make them dots and slashes
          '/%252e%252e/secret.txt', '/%252E%252E%252Fsecret.txt', '/assets/%25%32%65%25%32%65/x',
          // backslashes, raw and encoded (a separator on Windows)
          '/..\\..\\secret.txt', '/assets\\..\\..\\secret.txt', '/..%5c..%5csecret.txt', '/%5C%5Cserver%5Cshare%5Cx', '/\\\\server\\share\\x',
          // drive letters and alternate data streams
          '/C:/Windows/win.ini', '/c:%5cwindows%5cwin.ini', '/%43:/Windows/win.ini', '/C:secret.txt', '/index.html::$DATA',
          // Windows device names and names Windows trims
          '/CON', '/assets/nul.txt', '/index.html.', '/index.html%20',
          // NUL and broken encodings
          '/index.html%00.png', '/%E0%A4%A', '/%',
          // absolute paths
          '//etc/passwd',
        ]) {
          expect([request, resolveUnderRoot(root, request, p)]).toEqual([request, null]);
        }
      });
    });
  }

  it('never answers with a sibling folder that shares the root as a prefix', () => {
    expect(resolveUnderRoot('/srv/renderer', '/../renderer-evil/x.js', path.posix)).toBeNull();
  });
});

describe('mimeTypeOf', () => {
  it('names what the renderer build contains, and nothing else is sniffable', () => {
    expect(mimeTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('/x/font.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('isTrustedSender: the top frame of one of our windows, showing our origin', () => {
  const top = { processId: 7, routingId: 1 };
  const ours = { mainFrame: top };
  const frame = (over: Partial<NonNullable<SenderEvent['senderFrame']>> = {}): NonNullable<SenderEvent['senderFrame']> => ({
    url: 'app://focusu/index.html', parent: null, processId: 7, routingId: 1, detached: false, isDestroyed: () => false, ...over,
  });
  const isOurs = (sender: unknown) => sender === ours;

  it('answers our window\'s main frame', () => {
    expect(isTrustedSender({ sender: ours, senderFrame: frame() }, isOurs)).toBe(true);
  });

  it('refuses a sub-frame, a frame that is not the top one, a foreign origin, a user-info URL, another window, a gone frame', () => {
    const cases: [string, SenderEvent][] = [
      ['no frame', { sender: ours, senderFrame: null }],
      ['sub-frame', { sender: ours, senderFrame: frame({ parent: frame(), routingId: 2 }) }],
      ['a frame claiming no parent but not the main frame', { sender: ours, senderFrame: frame({ routingId: 5 }) }],
      ['another renderer process', { sender: ours, senderFrame: frame({ processId: 8 }) }],
      ['foreign origin', { sender: ours, senderFrame: frame({ url: 'https://evil.example/' }) }],
      ['look-alike origin', { sender: ours, senderFrame: frame({ url: 'app://focusu.evil/index.html' }) }],
      ['user-info URL', { sender: ours, senderFrame: frame({ url: 'app://evil@focusu/index.html' }) }],
      ['file URL', { sender: ours, senderFrame: frame({ url: 'file:///tmp/focusu-print/notice.pdf' }) }],
      ['not our window', { sender: { mainFrame: top }, senderFrame: frame() }],
      ['destroyed frame', { sender: ours, senderFrame: frame({ isDestroyed: () => true }) }],
      ['detached frame', { sender: ours, senderFrame: frame({ detached: true }) }],
    ];
    for (const [name, event] of cases) expect([name, isTrustedSender(event, isOurs)]).toEqual([name, false]);
  });
});
