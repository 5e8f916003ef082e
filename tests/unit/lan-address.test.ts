import { describe, expect, it } from 'vitest';
import { isLoopbackUrl, lanIPv4Addresses, portalReach, proposePortalUrls, type InterfaceList } from '../../main/net/lan-address';

const lo: InterfaceList = {
  lo: [
    { address: '127.0.0.1', family: 'IPv4', internal: true },
    { address: '::1', family: 'IPv6', internal: true },
  ],
};
const one: InterfaceList = {
  ...lo,
  eth0: [
    { address: '192.168.1.10', family: 'IPv4', internal: false },
    { address: 'fe80::1c2b:3ff:fe4d:5e6f', family: 'IPv6', internal: false },
  ],
};
const several: InterfaceList = {
  ...lo,
  docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false }],
  tailscale0: [{ address: '100.101.102.103', family: 'IPv4', internal: false }],
  eth0: [
    { address: '192.168.1.10', family: 'IPv4', internal: false },
    { address: 'fd00::10', family: 'IPv6', internal: false },
  ],
  wlan0: [
    { address: '10.0.5.20', family: 4 as unknown as string, internal: false }, // Node 18.0–18.3 said 4
    { address: '192.168.1.10', family: 'IPv4', internal: false }, // the same address twice: proposed once
  ],
  'vEthernet (WSL)': [{ address: '172.29.80.1', family: 'IPv4', internal: false }],
  eth1: [{ address: '203.0.113.5', family: 'IPv4', internal: false }],
};
const ipv6Only: InterfaceList = {
  ...lo,
  eth0: [
    { address: 'fd00::2', family: 'IPv6', internal: false },
    { address: 'fe80::fc:ff:fe00:1', family: 'IPv6', internal: false },
  ],
};
const linkLocalOnly: InterfaceList = {
  ...lo,
  eth0: [
    { address: '169.254.12.34', family: 'IPv4', internal: false },
    { address: 'fe80::fc:ff:fe00:1', family: 'IPv6', internal: false },
  ],
};

describe('the LAN addresses of this machine', () => {
  it('none: no interface at all, or loopback only', () => {
    expect(lanIPv4Addresses({})).toEqual([]);
    expect(lanIPv4Addresses(lo)).toEqual([]);
  });
  it('one', () => {
    expect(lanIPv4Addresses(one)).toEqual(['192.168.1.10']);
  });
  it('several: private ranges first, then others, virtual adapters last; each address once', () => {
    expect(lanIPv4Addresses(several)).toEqual(['192.168.1.10', '10.0.5.20', '203.0.113.5', '172.17.0.1', '100.101.102.103', '172.29.80.1']);
  });
  it('IPv6 only and link-local only: no IPv4 address to propose', () => {
    expect(lanIPv4Addresses(ipv6Only)).toEqual([]);
    expect(lanIPv4Addresses(linkLocalOnly)).toEqual([]);
  });
});

describe('the portal URLs proposed while 社員がアクセスするURL is blank', () => {
  const base = { hostname: 'PC01', listenHost: '0.0.0.0', port: 8080, secure: false };

  it('none: nothing to propose', () => {
    expect(proposePortalUrls({ ...base, interfaces: {} })).toEqual({ urls: [], listenLoopback: false });
    expect(proposePortalUrls({ ...base, interfaces: lo })).toEqual({ urls: [], listenLoopback: false });
  });
  it('one: its address, then the host name', () => {
    expect(proposePortalUrls({ ...base, interfaces: one }).urls).toEqual(['http://192.168.1.10:8080/', 'http://pc01:8080/']);
  });
  it('several, over HTTPS on 443', () => {
    expect(proposePortalUrls({ ...base, interfaces: several, port: 443, secure: true }).urls).toEqual([
      'https://192.168.1.10/', 'https://10.0.5.20/', 'https://203.0.113.5/', 'https://172.17.0.1/', 'https://100.101.102.103/', 'https://172.29.80.1/',
      'https://pc01/',
    ]);
  });
  it('IPv6 only: the host name alone', () => {
    expect(proposePortalUrls({ ...base, interfaces: ipv6Only }).urls).toEqual(['http://pc01:8080/']);
  });
  it('link-local only: nothing (no network another PC could reach us on)', () => {
    expect(proposePortalUrls({ ...base, interfaces: linkLocalOnly }).urls).toEqual([]);
  });
  it('a host name that names nothing useful is left out', () => {
    expect(proposePortalUrls({ ...base, hostname: 'localhost', interfaces: one }).urls).toEqual(['http://192.168.1.10:8080/']);
    expect(proposePortalUrls({ ...base, hostname: '', interfaces: one }).urls).toEqual(['http://192.168.1.10:8080/']);
    expect(proposePortalUrls({ ...base, hostname: 'bad name!', interfaces: one }).urls).toEqual(['http://192.168.1.10:8080/']);
  });
  it('a portal listening on a loopback address cannot be reached from the LAN at all: nothing proposed, and said so', () => {
    for (const listenHost of ['127.0.0.1', '127.0.1.1', '::1', 'localhost']) {
      expect(proposePortalUrls({ ...base, listenHost, interfaces: several })).toEqual({ urls: [], listenLoopback: true });
    }
  });
  it('a portal listening on one address: that address', () => {
    expect(proposePortalUrls({ ...base, listenHost: '10.0.5.20', interfaces: several }).urls).toEqual(['http://10.0.5.20:8080/']);
    expect(proposePortalUrls({ ...base, listenHost: 'fd00::10', interfaces: several }).urls).toEqual(['http://[fd00::10]:8080/']);
    expect(proposePortalUrls({ ...base, listenHost: '::', interfaces: one }).urls).toEqual(['http://192.168.1.10:8080/', 'http://pc01:8080/']);
  });
});

describe('loopback URLs: an address that, on an employee\'s device, names the employee\'s own machine', () => {
  it('recognises every spelling of this machine', () => {
    for (const url of [
      'http://127.0.0.1:8080/', 'http://127.5.6.7/', 'https://[::1]:8443/', 'http://localhost:8080/', 'http://LOCALHOST./',
      'http://kintai.localhost/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0:8080/', 'http://2130706433/', 'http://0x7f.1/', 'http://[::]:8080/',
    ]) {
      expect([url, isLoopbackUrl(url)]).toEqual([url, true]);
    }
  });
  it('takes LAN addresses and names as reachable', () => {
    for (const url of ['http://192.168.1.10:8080/', 'http://pc01:8080/', 'https://kintai.example.co.jp/', 'http://[fd00::2]/', 'http://128.0.0.1/']) {
      expect([url, isLoopbackUrl(url)]).toEqual([url, false]);
    }
  });
});

describe('portalReach: what the screens show and warn about', () => {
  const settings = { portalBaseUrl: '', portalHost: '0.0.0.0', portalPort: 8080 };
  const network = { interfaces: one, hostname: 'pc01' };

  it('blank 社員がアクセスするURL: the printed URL is loopback, with the LAN proposals', () => {
    expect(portalReach(settings, null, network)).toEqual({
      url: 'http://127.0.0.1:8080/', loopback: true, proposals: ['http://192.168.1.10:8080/', 'http://pc01:8080/'], listenHost: '0.0.0.0', listenLoopback: false,
    });
  });
  it('where the portal really listens (port 0 picked a port)', () => {
    const running = { host: '0.0.0.0', port: 41234, secure: true };
    expect(portalReach(settings, running, network)).toEqual({
      url: 'https://127.0.0.1:41234/', loopback: true, proposals: ['https://192.168.1.10:41234/', 'https://pc01:41234/'], listenHost: '0.0.0.0', listenLoopback: false,
    });
  });
  it('a configured URL is printed as it is; nothing proposed', () => {
    expect(portalReach({ ...settings, portalBaseUrl: 'http://192.168.1.10:8080' }, null, network)).toEqual({
      url: 'http://192.168.1.10:8080/', loopback: false, proposals: [], listenHost: '0.0.0.0', listenLoopback: false,
    });
    expect(portalReach({ ...settings, portalBaseUrl: 'http://localhost:8080/' }, null, network).loopback).toBe(true);
  });
  it('the demo on one machine: loopback, listening on loopback', () => {
    expect(portalReach({ ...settings, portalHost: '127.0.0.1' }, { host: '127.0.0.1', port: 5555, secure: false }, network)).toEqual({
      url: 'http://127.0.0.1:5555/', loopback: true, proposals: [], listenHost: '127.0.0.1', listenLoopback: true,
    });
  });
});
