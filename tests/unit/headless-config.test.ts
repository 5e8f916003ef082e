import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHeadlessArgs } from '../../main/cli';
import { makeTempDir } from '../support/temp-dir';

const tmp = makeTempDir('focusu-config-');
afterAll(() => tmp.remove());

function configFile(name: string, content: unknown): string {
  const file = path.join(tmp.dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('--config FILE: the headless options as JSON, for a service', () => {
  it('takes every option under its flag\'s name; relative paths are relative to the file', () => {
    const file = configFile('etc/server.json', {
      'data-dir': '../data', 'admin-host': '192.168.1.20', 'admin-port': 8443, 'admin-name': ['focus-u.office.lan'],
      'admin-cert': 'tls/admin.pem', 'admin-key': '/abs/admin.key', 'portal-host': '0.0.0.0', 'portal-port': 8080,
      'log-format': 'json', 'stop-timeout': 30,
    });
    const o = parseHeadlessArgs(['--config', file]);
    expect(o).toMatchObject({
      'data-dir': path.join(tmp.dir, 'data'), 'admin-host': '192.168.1.20', port: 8443, 'admin-name': ['focus-u.office.lan'],
      'admin-cert': path.join(tmp.dir, 'etc', 'tls', 'admin.pem'), 'admin-key': '/abs/admin.key',
      'portal-host': '0.0.0.0', 'portal-port': 8080, 'log-format': 'json', 'stop-timeout': 30, demo: false,
    });
  });

  it('the example shipped beside the systemd unit is a valid configuration', () => {
    const o = parseHeadlessArgs(['--config', path.join(import.meta.dirname, '../../deploy/server.example.json')]);
    expect(o).toMatchObject({ 'data-dir': '/var/lib/focus-u', 'admin-host': '192.168.1.20', port: 8443, 'log-format': 'json' });
  });

  it('a flag on the command line wins over the file, key by key', () => {
    const file = configFile('flags-win.json', { 'data-dir': '/srv/focus-u', port: 8443, 'admin-name': 'a.example.lan', 'log-format': 'json' });
    const o = parseHeadlessArgs(['--config', file, '--port', '0', '--admin-name', 'b.example.lan', '--admin-name', 'c.example.lan']);
    expect(o.port).toBe(0);
    expect(o['admin-name']).toEqual(['b.example.lan', 'c.example.lan']);
    expect(o['data-dir']).toBe('/srv/focus-u');
    expect(o['log-format']).toBe('json');
  });

  it('the defaults of `npm run serve` are unchanged: the admin screens on 127.0.0.1, plain lines, 20 s to stop', () => {
    const o = parseHeadlessArgs(['--data-dir', 'd']);
    expect(o).toMatchObject({ port: 0, 'admin-host': '127.0.0.1', 'admin-name': [], 'log-format': 'text', 'stop-timeout': 20 });
  });

  it('refuses, naming the problem: a key no flag has, a missing file, broken JSON, a value of the wrong kind', () => {
    expect(() => parseHeadlessArgs(['--config', configFile('unknown.json', { 'data-dir': 'd', 'admin-hots': '1.2.3.4' })]))
      .toThrow(/項目「admin-hots」は使用できません/);
    expect(() => parseHeadlessArgs(['--config', path.join(tmp.dir, 'nope.json')])).toThrow(/設定ファイルを読み込めません/);
    expect(() => parseHeadlessArgs(['--config', configFile('broken.json', '{"data-dir": ')])).toThrow(/JSONとして正しくありません/);
    expect(() => parseHeadlessArgs(['--config', configFile('array.json', ['data-dir'])])).toThrow(/JSONオブジェクト/);
    expect(() => parseHeadlessArgs(['--config', configFile('nested.json', { 'data-dir': { path: 'd' } })])).toThrow(/「data-dir」の値が正しくありません/);
    expect(() => parseHeadlessArgs(['--config', configFile('bom.json', '\uFEFF{"data-dir": "d"}')])).not.toThrow();
  });

  it('refuses option combinations that cannot work', () => {
    expect(() => parseHeadlessArgs(['--data-dir', 'd', '--admin-cert', 'c.pem'])).toThrow(/--admin-cert/);
    expect(() => parseHeadlessArgs(['--data-dir', 'd', '--admin-cert', 'c', '--admin-key', 'k', '--admin-pfx', 'p'])).toThrow(/--admin-pfx/);
    expect(() => parseHeadlessArgs(['--data-dir', 'd', '--admin-pfx-passphrase-file', 'p'])).toThrow(/--admin-pfx-passphrase-file/);
    expect(() => parseHeadlessArgs(['--data-dir', 'd', '--port', '1', '--admin-port', '2'])).toThrow(/--admin-port/);
    expect(() => parseHeadlessArgs(['--data-dir', 'd', '--admin-host', 'localhost'])).toThrow(/--admin-host/);
    expect(() => parseHeadlessArgs(['--data-dir', 'd', '--admin-name', 'bad name'])).toThrow(/--admin-name/);
    expect(() => parseHeadlessArgs(['--data-dir', 'd', '--log-format', 'xml'])).toThrow(/--log-format/);
  });
});
