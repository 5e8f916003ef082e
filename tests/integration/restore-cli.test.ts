/**
 * `--restore-backup` goes through the same validation as the 「復元」 screen. `latest` is the
 * newest *valid* backup: invalid ones and one dated in the future (written under a wrong
 * clock) are skipped with a line naming them.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, DATABASE_FILE } from '../../main/composition';
import { BACKUP_DIR } from '../../main/services/backup-service';
import { silentLogger } from '../../main/services/support/logger';
import { runHeadlessToExit, startHeadless } from '../support/headless-process';
import { FakeClock } from '../support/fake-clock';
import { makeTempDir } from '../support/temp-dir';
import { registerEmployee } from '../support/test-app';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** A backup's file name for a moment, in local time as the app writes them. */
const nameAt = (t: number) => {
  const d = new Date(t);
  return `focus-u-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}.sqlite`;
};

/** A set-up company whose one real backup was taken three days ago (on the real clock); `precious` is in it. */
async function companyWithABackup() {
  const tmp = makeTempDir();
  cleanups.push(tmp.remove);
  const clock = new FakeClock(Date.now() - 3 * DAY);
  const app = composeApp({ dataDir: tmp.dir, clock, logger: silentLogger });
  await app.auth.setup({ companyName: '試験株式会社', adminLastName: '管理', loginId: 'admin', password: 'long enough 1' });
  registerEmployee(app, { loginId: 'precious', lastName: '大切' });
  const good = await app.backup.backupNow();
  registerEmployee(app, { loginId: 'future', lastName: '未来' });
  clock.advance(DAY);
  const futureSource = await app.backup.backupNow();
  registerEmployee(app, { loginId: 'live', lastName: '現在' });
  await app.close();
  return { dir: tmp.dir, backups: path.join(tmp.dir, BACKUP_DIR), good: good.fileName, futureSource: futureSource.fileName };
}
const loginIdsIn = async (dir: string) => {
  const app = composeApp({ dataDir: dir, logger: silentLogger });
  try {
    return (app.db.prepare('SELECT login_id FROM employees WHERE is_company_admin = 0 ORDER BY id').all() as { login_id: string }[]).map((r) => r.login_id);
  } finally {
    await app.close();
  }
};

describe('--restore-backup latest', () => {
  it('takes the newest valid backup, skipping (and naming) damaged, foreign, empty and future-dated ones', async () => {
    const { dir, backups, good, futureSource } = await companyWithABackup();
    // newer than the good one: an empty file, a text file, and a valid backup whose name lies in the future
    const empty = nameAt(Date.now() - 2 * DAY + 60_000);
    const text = nameAt(Date.now() - DAY);
    const future = nameAt(Date.now() + 3 * DAY);
    writeFileSync(path.join(backups, empty), '');
    writeFileSync(path.join(backups, text), 'not a database\n'.repeat(100));
    copyFileSync(path.join(backups, futureSource), path.join(backups, future));
    // the one the future-dated copy came from is damaged, so `good` is the only valid choice
    const damaged = Buffer.from(readFileSync(path.join(backups, futureSource)));
    damaged.fill(0xab, 4096, 8192);
    writeFileSync(path.join(backups, futureSource), damaged);

    const p = await startHeadless(['--data-dir', dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0', '--restore-backup', 'latest']);
    cleanups.push(() => p.stop());
    expect(p.stdout()).toContain(`restored: ${good}\n`);
    expect(p.stderr().split('\n').filter((l) => l.startsWith('バックアップ '))).toEqual([
      `バックアップ ${future} は日付が現在より1日以上先になっている（作成時のコンピューターの時計が誤っていた可能性がある）ため、使用しません。`,
      `バックアップ ${text} はこのアプリのバックアップではないため、使用しません。`,
      `バックアップ ${empty} はデータが入っていないため、使用しません。`,
      `バックアップ ${futureSource} は破損しているため、使用しません。`,
    ]);
    await p.stop();
    expect(await loginIdsIn(dir)).toEqual(['precious']);
  });

  it('with no valid backup at all: one line, exit 1, the database untouched', async () => {
    const { dir, backups, good, futureSource } = await companyWithABackup();
    writeFileSync(path.join(backups, good), '');
    writeFileSync(path.join(backups, futureSource), '');
    const db = readFileSync(path.join(dir, DATABASE_FILE));
    const r = await runHeadlessToExit(['--data-dir', dir, '--port', '0', '--portal-port', '0', '--restore-backup', 'latest']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').at(-2)).toBe(`${backups} に復元できるバックアップがありません。現在のデータは変更していません。`);
    expect(readFileSync(path.join(dir, DATABASE_FILE)).equals(db)).toBe(true);
    expect(await loginIdsIn(dir)).toEqual(['precious', 'future', 'live']);
  });
});

describe('--restore-backup FILE', () => {
  it('refuses an invalid backup in one line naming it and why, exit 1, the database untouched', async () => {
    const { dir, backups, good } = await companyWithABackup();
    writeFileSync(path.join(backups, good), '');
    const db = readFileSync(path.join(dir, DATABASE_FILE));
    const r = await runHeadlessToExit(['--data-dir', dir, '--port', '0', '--portal-port', '0', '--restore-backup', good]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`バックアップ ${good} はデータが入っていないため、復元できません。現在のデータは変更していません。\n`);
    expect(readFileSync(path.join(dir, DATABASE_FILE)).equals(db)).toBe(true);
    expect(await loginIdsIn(dir)).toEqual(['precious', 'future', 'live']);
  });
});
