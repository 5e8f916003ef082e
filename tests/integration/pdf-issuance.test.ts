import { chmodSync, mkdirSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAccountSettings } from '../../db/queries/settings';
import { writePdfFile } from '../../main/services/pdf/write-pdf-file';
import { ja } from '../../preload/i18n/ja';
import { employeeInput, makeTestApp, registerEmployee } from '../support/test-app';
import { pdfPagesText } from '../support/pdf-text';
import { bulkNoticeFileName } from '../../main/services/pdf/notice-file-name';

let t: ReturnType<typeof makeTestApp>;
beforeEach(async () => {
  t = makeTestApp();
  await t.app.auth.setup({ companyName: '試験株式会社', adminLastName: '管理者', loginId: 'admin', password: 'long enough 1' });
});
afterEach(async () => {
  await t.dispose();
});

const register = (loginId: string, lastName: string, firstName = '', email1 = '') =>
  registerEmployee(t.app, { loginId, lastName, firstName, email1, code: '' });
const rowsOf = (ids: number[]) =>
  ids.map((id) => t.app.db.prepare('SELECT * FROM employees WHERE id = ?').get(id));
const hashOf = (id: number) =>
  (t.app.db.prepare('SELECT password_hash AS h FROM employees WHERE id = ?').get(id) as { h: string | null }).h;

/** Delivers to a file the way the desktop app does after its save dialog. */
const toFile = (file: string) => async (pdf: Buffer) => {
  await writePdfFile(file, pdf);
  return 'delivered' as const;
};

describe('PDF password issuance', () => {
  it('prints name, ログインID and a password that verifies against the stored hash, one page each', async () => {
    const a = register('yayoi', '弥生', '憲司');
    const b = register('takasaki', '髙﨑', '花子');
    const issue = await t.app.issuance.prepare({ kind: 'password', mode: 'bulk', ids: [a, b] });
    expect(issue.preview.rows.map((r) => r.outcome)).toEqual(['pending', 'pending']);
    expect(hashOf(a)).toBeNull(); // nothing stored before delivery

    const file = path.join(t.dataDir, 'notice.pdf');
    const result = await t.app.issuance.deliver(issue.id, toFile(file));
    expect(result.counts).toEqual({ success: 2, failure: 0, excluded: 0 });

    const pages = await pdfPagesText(readFileSync(file));
    expect(pages).toHaveLength(2);
    for (const [page, id, name, loginId] of [[pages[0]!, a, '弥生 憲司 さん', 'yayoi'], [pages[1]!, b, '髙﨑 花子 さん', 'takasaki']] as const) {
      expect(page).toContain(name);
      expect(page).toContain('Focus U パスワードのご案内');
      expect(page).toContain('試験株式会社');
      expect(page).toContain('使用文字列');
      const lines = page.split('\n');
      expect(lines[lines.indexOf('ログインID') + 1]).toBe(loginId);
      const password = lines[lines.indexOf('パスワード') + 1]!;
      expect(password).toMatch(/^[a-hjkmnp-z2-9]{12}$/);
      expect(await verify(hashOf(id)!, password)).toBe(true);
    }
    expect(t.app.employees.get(a)).toMatchObject({ password: 'issued', verification: 'na', issuedVia: 'pdf' });
  });

  it('excludes rows that are not 未発行 from a bulk issue, with the reason', async () => {
    const a = register('aaa', '青木');
    const b = register('bbb', '馬場');
    await t.app.issuance.deliver((await t.app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [b] })).id, async () => 'delivered');
    const issue = await t.app.issuance.prepare({ kind: 'password', mode: 'bulk', ids: [a, b, 99999] });
    const result = await t.app.issuance.deliver(issue.id, async () => 'delivered');
    expect(result.counts).toEqual({ success: 1, failure: 0, excluded: 2 });
    expect(result.rows.find((r) => r.employeeId === b)).toMatchObject({
      outcome: 'excluded', note: 'パスワードが「発行済」のため対象外です。再発行は社員ごとに行ってください。',
    });
    expect((await pdfPagesText(issue.pdf))).toHaveLength(1);
  });

  it('changes nothing when the file cannot be written, and says so in Japanese', async () => {
    const a = register('aaa', '青木');
    const before = rowsOf([a]);
    const locked = path.join(t.dataDir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const target = process.getuid?.() === 0 ? path.join(t.dataDir, 'no-such-dir', 'x.pdf') : path.join(locked, 'x.pdf');
    const issue = await t.app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [a] });
    const result = await t.app.issuance.deliver(issue.id, toFile(target));
    chmodSync(locked, 0o700);
    expect(result.rows[0]).toMatchObject({
      outcome: 'failure', note: '指定した場所にPDFを保存できませんでした（書き込み権限がありません）。発行は行われていません（現在のパスワード・パスコードはそのまま使えます）。',
    });
    expect(rowsOf([a])).toEqual(before);
    const folder = path.dirname(target);
    expect(existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.tmp')) : []).toEqual([]);
  });

  it('changes nothing when the administrator cancels, and a prepared notice can be delivered only once', async () => {
    const a = register('aaa', '青木');
    const before = rowsOf([a]);
    const issue = await t.app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [a] });
    const result = await t.app.issuance.deliver(issue.id, async () => 'cancelled');
    expect(result.counts.failure).toBe(1);
    expect(rowsOf([a])).toEqual(before);
    await expect(t.app.issuance.deliver(issue.id, async () => 'delivered')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('delivers nothing and stores nothing when the employee\'s ログインID changed after the notice was made', async () => {
    const a = register('aaa', '青木');
    const issue = await t.app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [a] });
    const { acceptDuplicateWarnings: _, ...fields } = employeeInput({ loginId: 'renamed', lastName: '青木' });
    t.app.employees.update(a, fields, true, t.app.employees.get(a).version);
    let delivered = false;
    const result = await t.app.issuance.deliver(issue.id, async () => {
      delivered = true;
      return 'delivered';
    });
    expect(result.rows[0]).toMatchObject({ outcome: 'excluded', note: ja.issue.changedMeanwhile });
    expect(delivered).toBe(false);
    expect(hashOf(a)).toBeNull();
  });

  it('revokes open verification links and shows 認証状態 -', async () => {
    writeAccountSettings(t.app.db, { notifyMethod: 'mail', verificationDays: 7, requirePasswordChange: true });
    const a = register('aaa', '青木', '', 'a@example.co.jp');
    const now = t.clock.now();
    t.app.db.prepare(`INSERT INTO verification_links (employee_id, token_hash, address, issuance_started_at, sent_at, expires_at)
      VALUES (?, 'h', 'a@example.co.jp', ?, ?, ?)`).run(a, now, now, now + 86_400_000);
    t.app.db.prepare(`UPDATE employees SET password_status = 'issuing', link_sent_at = ?, link_valid_until = ? WHERE id = ?`)
      .run(now, now + 86_400_000, a);
    expect(t.app.employees.get(a).verification).toBe('waiting');
    await t.app.issuance.deliver((await t.app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [a] })).id, async () => 'delivered');
    expect(t.app.employees.get(a)).toMatchObject({ password: 'issued', verification: 'na' });
    expect(t.app.db.prepare('SELECT revoked_at FROM verification_links').get()).toEqual({ revoked_at: now });
  });
});

describe('notices a stack of printouts and a folder of files can be sorted by', () => {
  it('prints 社員コード and 所属 on both notices, and names the file by the employee, or by date and count', async () => {
    const a = registerEmployee(t.app, { loginId: 'tadokoro', code: '1011', lastName: '田所', firstName: '耕太郎', department: '本社' });
    const b = registerEmployee(t.app, { loginId: 'harashima', code: '1021', lastName: '原島', firstName: '謙', department: '営業部' });
    const one = await t.app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [a] });
    expect(one.fileName).toBe('パスワード通知書_1011_田所 耕太郎.pdf');
    expect(one.preview.fileName).toBe(one.fileName);
    const page = (await pdfPagesText(one.pdf))[0]!;
    expect(page).toMatch(/社員コード\n1011/);
    expect(page).toMatch(/所属\n本社/);
    const lines = page.split('\n');
    expect(lines[lines.indexOf('ログインID') + 1]).toBe('tadokoro'); // the credentials read as before

    const both = await t.app.issuance.prepare({ kind: 'password', mode: 'bulk', ids: [a, b] });
    expect(both.fileName).toBe(bulkNoticeFileName('password', 2, t.clock.now()));
    expect((await pdfPagesText(both.pdf))[1]).toMatch(/社員コード\n1021\n所属\n営業部/);

    const passcode = await t.app.issuance.prepare({ kind: 'passcode', mode: 'individual', ids: [b] });
    expect(passcode.fileName).toBe('パスコード通知書_1021_原島 謙.pdf');
    expect((await pdfPagesText(passcode.pdf))[0]).toMatch(/所属\n営業部/);
  });
});

describe('delivery bookkeeping', () => {
  it('lets the screen wait for a delivery whose bytes are still on their way', async () => {
    const a = register('aaa', '青木');
    const issue = await t.app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [a] });
    let finish!: () => void;
    let started!: () => void;
    const bytesOnTheirWay = new Promise<void>((r) => (started = r));
    const delivering = t.app.issuance.deliver(issue.id, () => new Promise((r) => {
      finish = () => r('delivered');
      started();
    }));
    const waiting = t.app.issuance.awaitResult(issue.id, 5_000);
    await bytesOnTheirWay;
    finish();
    expect((await waiting).counts.success).toBe(1);
    expect((await delivering).counts.success).toBe(1);
  });

  it('gives up on a download that never starts, storing nothing', async () => {
    const a = register('aaa', '青木');
    const issue = await t.app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [a] });
    const result = await t.app.issuance.awaitResult(issue.id, 10);
    expect(result.rows[0]).toMatchObject({ outcome: 'failure', note: expect.stringContaining('ダウンロードが完了しなかった') });
    expect(hashOf(a)).toBeNull();
  });

  it('says an individual target was not found when it was deleted', async () => {
    await expect(t.app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [424242] })).rejects.toMatchObject({
      code: 'NOT_FOUND', message: '社員が見つかりません（削除された可能性があります）。',
    });
  });
});

describe('PDF passcode issuance', () => {
  it('issues every 未発行 passcode in one notice and verifies the printed codes', async () => {
    const a = register('aaa', '青木');
    const b = register('bbb', '馬場');
    const issue = await t.app.issuance.prepare({ kind: 'passcode', mode: 'allUnissued' });
    expect(issue.preview.pages).toBe(3); // the 法人管理者 too
    await t.app.issuance.deliver(issue.id, async () => 'delivered');
    const pages = await pdfPagesText(issue.pdf);
    for (const [i, id] of [[1, a], [2, b]] as const) {
      expect(pages[i]).toContain('Focus U パスコードのご案内');
      const lines = pages[i]!.split('\n');
      const code = lines[lines.indexOf('パスコード') + 1]!;
      expect(code).toMatch(/^\d{4}$/);
      const h = (t.app.db.prepare('SELECT passcode_hash AS h FROM employees WHERE id = ?').get(id) as { h: string }).h;
      expect(await verify(h, code)).toBe(true);
    }
    expect(t.app.employees.list({ page: 1, pageSize: 100, sort: 'code', direction: 'asc', text: '', password: [], passcode: [], verification: [] }).passcodeUnissued).toBe(0);
    await expect(t.app.issuance.prepare({ kind: 'passcode', mode: 'allUnissued' })).rejects.toMatchObject({
      message: '発行の対象になる社員がいません。',
    });
  });
});

describe('writePdfFile', () => {
  it('writes the whole file or nothing', async () => {
    const file = path.join(t.dataDir, 'out.pdf');
    await writePdfFile(file, Buffer.from('%PDF-1.7 test'));
    expect(readFileSync(file, 'utf8')).toBe('%PDF-1.7 test');
    await expect(writePdfFile(path.join(t.dataDir, 'missing', 'x.pdf'), Buffer.from('x'))).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(existsSync(path.join(t.dataDir, 'missing'))).toBe(false);
  });
});
