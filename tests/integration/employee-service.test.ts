import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../main/services/support/errors';
import { employeeInput, makeTestApp } from '../support/test-app';

let t: ReturnType<typeof makeTestApp>;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(async () => {
  await t.dispose();
});

const create = (o: Parameters<typeof employeeInput>[0], accept = false) => {
  const { acceptDuplicateWarnings: _, ...fields } = employeeInput(o);
  return t.app.employees.create(fields, accept);
};
const rowCount = () => (t.app.db.prepare('SELECT count(*) AS n FROM employees').get() as { n: number }).n;

describe('社員新規登録 and マイページ編集', () => {
  it('registers an employee as 未発行/未 with passcode 未発行', () => {
    const r = create({ loginId: 'tanaka', code: '0011', email1: 'taro@example.co.jp' });
    expect(r.status).toBe('saved');
    if (r.status !== 'saved') return;
    expect(r.employee).toMatchObject({
      loginId: 'tanaka', code: '0011', password: 'unissued', verification: 'none', passcode: 'unissued',
      lastLoginAt: null, addressCount: 1, bulkIssuable: true,
    });
  });

  it('refuses a duplicate ログインID (case-insensitively) and a duplicate 社員コード, saving nothing', () => {
    create({ loginId: 'tanaka', code: '0011' });
    const error = (() => {
      try {
        create({ loginId: 'TANAKA', code: '0011', lastName: '別人' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({
      loginId: 'このログインIDは既に使用されています。',
      code: 'この社員コードは既に使用されています。',
    });
    expect(rowCount()).toBe(1);
  });

  it('warns about an address of another employee (domain compared case-insensitively) and saves only after OK', () => {
    const first = create({ loginId: 'tanaka', email1: 'taro@example.co.jp' });
    const r = create({ loginId: 'suzuki', lastName: '鈴木', email2: 'taro@EXAMPLE.co.jp' });
    expect(r).toEqual({
      status: 'needsConfirmation',
      warnings: [{
        address: 'taro@EXAMPLE.co.jp',
        otherEmployee: { id: first.status === 'saved' ? first.employee.id : -1, name: '田中 太郎', loginId: 'tanaka' },
      }],
    });
    expect(rowCount()).toBe(1);
    expect(create({ loginId: 'suzuki', lastName: '鈴木', email2: 'taro@EXAMPLE.co.jp' }, true).status).toBe('saved');
    expect(rowCount()).toBe(2);
  });

  it('does not treat a different local-part case as the same address', () => {
    create({ loginId: 'tanaka', email1: 'taro@example.co.jp' });
    expect(create({ loginId: 'suzuki', email1: 'Taro@example.co.jp' }).status).toBe('saved');
  });

  it('warns about an address repeated within the same employee', () => {
    const r = create({ email1: 'taro@example.co.jp', email3: 'taro@Example.co.jp' });
    expect(r).toEqual({ status: 'needsConfirmation', warnings: [{ address: 'taro@Example.co.jp', otherEmployee: null }] });
  });

  it('edits an employee without warning about its own unchanged addresses', () => {
    const r = create({ email1: 'taro@example.co.jp' });
    if (r.status !== 'saved') throw new Error('not saved');
    const { acceptDuplicateWarnings: _, ...fields } = employeeInput({ email1: 'taro@example.co.jp', department: '大阪支店' });
    const u = t.app.employees.update(r.employee.id, fields, false, t.app.employees.get(r.employee.id).version);
    expect(u.status === 'saved' && u.employee.department).toBe('大阪支店');
  });

  it('revokes the live verification links of an address that is changed', () => {
    const r = create({ email1: 'old@example.co.jp', email2: 'keep@example.co.jp' });
    if (r.status !== 'saved') throw new Error('not saved');
    const id = r.employee.id;
    const now = t.clock.now();
    const link = t.app.db.prepare(`INSERT INTO verification_links (employee_id, token_hash, address, issuance_started_at, sent_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?)`);
    link.run(id, 'h1', 'old@example.co.jp', now, now, now + 86_400_000);
    link.run(id, 'h2', 'keep@example.co.jp', now, now, now + 3_600_000);
    t.app.db.prepare(`UPDATE employees SET password_status = 'issuing', link_sent_at = ?, link_valid_until = ? WHERE id = ?`)
      .run(now, now + 86_400_000, id);

    const { acceptDuplicateWarnings: _, ...fields } = employeeInput({ email1: 'new@example.co.jp', email2: 'keep@example.co.jp' });
    t.app.employees.update(id, fields, false, t.app.employees.get(id).version);

    const links = t.app.db.prepare('SELECT token_hash, revoked_at FROM verification_links ORDER BY id').all();
    expect(links).toEqual([{ token_hash: 'h1', revoked_at: now }, { token_hash: 'h2', revoked_at: null }]);
    expect(t.app.employees.get(id)).toMatchObject({ verification: 'waiting', verificationExpiresAt: now + 3_600_000 });
  });

  it('answers NOT_FOUND for an employee that does not exist', () => {
    expect(() => t.app.employees.get(9999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('選択して削除', () => {
  it('deletes the selected employees but never the 法人管理者', async () => {
    await t.app.auth.setup({ companyName: '試験株式会社', adminLastName: '管理者', loginId: 'admin', password: 'correct horse 1' });
    const a = create({ loginId: 'aaa' });
    const b = create({ loginId: 'bbb' });
    const ids = [a, b].map((r) => (r.status === 'saved' ? r.employee.id : -1));
    const adminId = (t.app.db.prepare('SELECT id FROM employees WHERE is_company_admin = 1').get() as { id: number }).id;
    expect(t.app.employees.delete([adminId, ...ids])).toEqual({ deleted: 2 });
    expect(rowCount()).toBe(1);
    expect(() => t.app.employees.delete([adminId])).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('takes the deleted employee\'s links with it', () => {
    const r = create({ loginId: 'aaa', email1: 'a@example.co.jp' });
    if (r.status !== 'saved') throw new Error('not saved');
    t.app.db.prepare(`INSERT INTO verification_links (employee_id, token_hash, address, issuance_started_at, sent_at, expires_at)
      VALUES (?, 'h', 'a@example.co.jp', 0, 0, 1)`).run(r.employee.id);
    t.app.employees.delete([r.employee.id]);
    expect(t.app.db.prepare('SELECT count(*) AS n FROM verification_links').get()).toEqual({ n: 0 });
  });
});
