import { describe, expect, it } from 'vitest';
import { hostAllowed, machineHostNames, originAllowed, portalHostNames } from '../../main/portal/host-check';

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
    expect(originAllowed('http://pc01:3000', names)).toBe(true);
    expect(originAllowed('https://192.168.1.20', names)).toBe(true);
    for (const origin of ['null', 'http://evil.example', 'file://', 'http://pc01/path', 'ftp://pc01']) {
      expect([origin, originAllowed(origin, names)]).toEqual([origin, false]);
    }
  });
});
