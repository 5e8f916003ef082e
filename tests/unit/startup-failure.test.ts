import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseDamagedError, DatabaseFromFutureError } from '../../db/database';
import { ListenError } from '../../main/net/listen';
import { PortalTlsError } from '../../main/services/portal-tls';
import { DataFolderInUseError } from '../../main/services/support/instance-lock';
import { classifyStartupFailure, StartupRefusal } from '../../main/startup-failure';

const ctx = (phase: 'open' | 'admin' | 'portal') => ({ dataDir: '/no/such/focusu-data', phase, now: Date.UTC(2026, 10, 30) });

describe('one start-up failure classifier, two ways to show it', () => {
  it('names the kind and says the same to both entry points where nothing differs', () => {
    const cases: [unknown, 'open' | 'admin' | 'portal', string, string][] = [
      [new DataFolderInUseError('このデータフォルダーは別のプロセスが使用しています: /d'), 'open', 'dataDirInUse', 'このデータフォルダーは別のプロセスが使用しています: /d'],
      [new DatabaseFromFutureError(99, 9), 'open', 'databaseFromFuture', 'データフォルダー /no/such/focusu-data のデータベースは、このバージョンより新しいアプリで作成されています。新しいバージョンのアプリを使用してください。'],
      [new ListenError('inUse', '0.0.0.0', 8080, 'EADDRINUSE'), 'portal', 'portInUse', 'ポータルのポート 8080 は既に使用されています。別のポート番号を指定してください。'],
      [new ListenError('inUse', '127.0.0.1', 3000, 'EADDRINUSE'), 'admin', 'portInUse', '管理画面のポート 3000 は既に使用されています。別のポート番号を指定してください。'],
      [new ListenError('unavailable', '10.9.9.9', 8080, 'EADDRNOTAVAIL'), 'portal', 'addressUnavailable', 'ポータルの待ち受けアドレス 10.9.9.9 はこのコンピューターで使用できません。'],
      [new PortalTlsError('missing'), 'portal', 'portalCertificate', expect.stringContaining('ポータル（社員向けページ）を起動していません: 証明書のファイルが見つかりません') as unknown as string],
      [new StartupRefusal('起動オプションが正しくありません: x'), 'open', 'refused', '起動オプションが正しくありません: x'],
      [Object.assign(new Error('EACCES'), { code: 'EACCES' }), 'open', 'dataDirUnwritable', 'データフォルダー /no/such/focusu-data に書き込めません。フォルダーの場所と権限を確認してください。'],
    ];
    for (const [error, phase, kind, message] of cases) {
      const f = classifyStartupFailure(error, ctx(phase));
      expect({ kind: f.kind, headless: f.messageFor('headless'), desktop: f.messageFor('desktop') }).toEqual({ kind, headless: message, desktop: message });
    }
  });

  it('a damaged database without a backup: the same words; anything unexpected after opening is internal', () => {
    const damaged = classifyStartupFailure(new DatabaseDamagedError('x'), ctx('open'));
    const file = path.join('/no/such/focusu-data', 'focus-u.sqlite');
    expect(damaged.kind).toBe('databaseDamaged');
    expect(damaged.newestBackup).toBeNull();
    expect(damaged.messageFor('headless')).toBe(`データベース（${file}）が破損しています。バックアップがないため、サポート窓口に連絡してください。`);
    expect(damaged.messageFor('desktop')).toBe(damaged.messageFor('headless'));
    expect(classifyStartupFailure(new Error('boom'), ctx('admin')).kind).toBe('internal');
  });
});
