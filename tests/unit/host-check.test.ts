import { describe, expect, it } from 'vitest';
import { formSourceAllowed, hostAllowed, machineHostNames, originAllowed, portalHostNames } from '../../main/portal/host-check';

describe('the portal\'s names', () => {
  it('are localhost and the machine\'s host name with and without its domain, plus the configured URL\'s host', () => {
    expect(machineHostNames('PC01.Corp.Example.')).toEqual(['localhost', 'pc01.corp.example', 'pc01']);
    expect(machineHostNames('kintai')).toEqual(['localhost', 'kintai']);
    expect(portalHostNames('https://Focus.Example.co.jp:8443/portal/', 'pc01')).toEqual(['localhost', 'pc01', 'focus.example.co.jp']);
    expect(portalHostNames('', 'pc01')).toEqual(['localhost', 'pc01']);
    expect(portalHostNames('not a url', 'pc01')).toEqual(['localhost', 'pc01']);
  });

  it('accept any IP literal, and of names only those', () => {
    const names = portalHostNames('http://kintai.example.local/', 'pc01.corp.example');
    for (const host of ['10.0.0.5', '10.0.0.5:8080', '[fe80::1]:8080', '[::ffff:127.0.0.1]', '0x7f000001', 'PC01', 'pc01.corp.example:80', 'kintai.example.local']) {
      expect([host, hostAllowed(host, names)]).toEqual([host, true]);
    }
    for (const host of [undefined, '', 'evil.example', 'pc01.evil.example', 'pc01.corp.example.evil', 'kintai.example.local@evil.example',
      'evil.example/kintai.example.local', 'a b', 'localhost\r\nX: y', '10.0.0.5.nip.io']) {
      expect([host, hostAllowed(host, names)]).toEqual([host, false]);
    }
    // the names are asked for only when a name has to be checked (every request asks the guard)
    const unasked = () => { throw new Error('names asked for an IP address'); };
    expect(hostAllowed('10.0.0.5:8080', unasked)).toBe(true);
    expect(hostAllowed('pc01', () => names)).toBe(true);
    expect(originAllowed('http://pc01:3000', names)).toBe(true);
    expect(originAllowed('https://192.168.1.20', names)).toBe(true);
    for (const origin of ['null', 'http://evil.example', 'file://', 'http://pc01/path', 'ftp://pc01']) {
      expect([origin, originAllowed(origin, names)]).toEqual([origin, false]);
    }
  });

  it('take a form from the portal\'s own pages only: a null Origin only when the browser says same-origin', () => {
    const names = ['localhost', 'pc01'];
    expect(formSourceAllowed(undefined, undefined, names)).toBe(true);
    expect(formSourceAllowed('http://pc01:8080', 'same-origin', names)).toBe(true);
    expect(formSourceAllowed('null', 'same-origin', names)).toBe(true); // our own page under no-referrer
    expect(formSourceAllowed('null', undefined, names)).toBe(true); // a browser without fetch metadata: the CSRF token decides
    expect(formSourceAllowed('null', 'cross-site', names)).toBe(false); // a sandboxed frame of a foreign page
    expect(formSourceAllowed('null', 'same-site', names)).toBe(false); // another service on this machine's other port
    expect(formSourceAllowed(undefined, 'cross-site', names)).toBe(false);
    expect(formSourceAllowed('http://evil.example', 'same-origin', names)).toBe(false);
  });
});
