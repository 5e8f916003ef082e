import { describe, expect, it } from 'vitest';
import { addressKey, repeatedWithin } from '../../main/services/domain/addresses';
import { accountSettingsSchema, createEmployeeSchema, newPasswordSchema, portalSettingsSchema } from '../../preload/schemas';

const valid = {
  loginId: 'tanaka', code: '0011', honorific: '', lastName: '田中', firstName: '太郎', department: '本社',
  email1: 'taro@example.co.jp', email2: '', email3: '', recorderEnabled: true,
};

const messageOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) =>
  r.error?.issues.find((i) => i.path.join('.') === field)?.message;

describe('employee input', () => {
  it('accepts a valid employee, trims text and turns empty addresses into null', () => {
    const r = createEmployeeSchema.parse({ ...valid, lastName: ' 田中 ', email2: '  ' });
    expect(r.lastName).toBe('田中');
    expect(r.email2).toBeNull();
    expect(r.acceptDuplicateWarnings).toBe(false);
  });

  it.each([
    ['lastName', '', '姓を入力してください。'],
    ['loginId', '', 'ログインIDを入力してください。'],
    ['loginId', 'ab', 'ログインIDは半角英数字と記号（. _ - @）の3～64文字で入力してください。'],
    ['loginId', 'たなか', 'ログインIDは半角英数字と記号（. _ - @）の3～64文字で入力してください。'],
    ['email1', 'taro@', 'メールアドレス1の形式が正しくありません（例: taro@example.co.jp）。'],
    ['email3', 'a b@example.com', 'メールアドレス3の形式が正しくありません（例: taro@example.co.jp）。'],
    ['lastName', '田中\r\nBcc: x@example.com', '姓に改行やタブなどの制御文字は使用できません。'],
    ['email1', 'taro@example.co.jp\nBcc: evil@example.com', 'メールアドレス1に改行やタブなどの制御文字は使用できません。'],
    ['department', '本'.repeat(51), '所属は50文字以内で入力してください。'],
    ['code', '００１１', '社員コードは半角英数字とハイフンの20文字以内で入力してください。'],
  ])('refuses %s = %j with a Japanese message naming the field', (field, value, message) => {
    const r = createEmployeeSchema.safeParse({ ...valid, [field]: value });
    expect(r.success).toBe(false);
    expect(messageOf(r, field)).toBe(message);
  });

  it('says one thing of a huge input (too long) and each thing of any other', () => {
    const issues = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    // past the cheap guard (4× the limit) nothing else is checked
    expect(issues(createEmployeeSchema.safeParse({ ...valid, lastName: `${'田'.repeat(200)}\n`, loginId: ` ${'a'.repeat(300)}` })))
      .toEqual(['loginId: ログインIDは半角英数字と記号（. _ - @）の3～64文字で入力してください。', 'lastName: 姓は30文字以内で入力してください。']);
    // within it, every rule that fails speaks
    expect(issues(createEmployeeSchema.safeParse({ ...valid, lastName: `田\n${'田'.repeat(40)}`, loginId: '  ' })))
      .toEqual([
        'loginId: ログインIDを入力してください。', 'loginId: ログインIDは半角英数字と記号（. _ - @）の3～64文字で入力してください。',
        'lastName: 姓に改行やタブなどの制御文字は使用できません。', 'lastName: 姓は30文字以内で入力してください。',
      ]);
    // trimmed before the rules see it, and kept trimmed
    expect(createEmployeeSchema.parse({ ...valid, loginId: '  tanaka\t', lastName: ` ${'田'.repeat(30)} `, email1: ' taro@example.co.jp ' }))
      .toMatchObject({ loginId: 'tanaka', lastName: '田'.repeat(30), email1: 'taro@example.co.jp' });
  });

  it('counts characters, not UTF-16 units (髙﨑 and emoji are one each)', () => {
    expect(createEmployeeSchema.safeParse({ ...valid, lastName: '髙'.repeat(30) }).success).toBe(true);
    expect(createEmployeeSchema.safeParse({ ...valid, lastName: '𠮷'.repeat(30) }).success).toBe(true);
    expect(createEmployeeSchema.safeParse({ ...valid, lastName: '𠮷'.repeat(31) }).success).toBe(false);
    // a lone surrogate (a broken pair) is one character, as the spread operator counts it
    expect(createEmployeeSchema.safeParse({ ...valid, lastName: `${'髙'.repeat(29)}\uD842` }).success).toBe(true);
    expect(createEmployeeSchema.safeParse({ ...valid, lastName: `${'髙'.repeat(30)}\uD842` }).success).toBe(false);
  });

  it('counts a password\'s characters the same way: 8 to 128', () => {
    expect(newPasswordSchema.safeParse('𠮷'.repeat(8)).success).toBe(true);
    expect(newPasswordSchema.safeParse('𠮷'.repeat(7)).success).toBe(false); // 14 UTF-16 units, 7 characters
    expect(newPasswordSchema.safeParse('𠮷'.repeat(128)).success).toBe(true);
    expect(newPasswordSchema.safeParse('𠮷'.repeat(129)).success).toBe(false);
    expect(newPasswordSchema.safeParse('\uDFB7'.repeat(8)).success).toBe(true); // 8 lone halves of pairs: 8 characters
  });
});

describe('settings input', () => {
  it.each([0, 15, 7.5, -1])('refuses a validity of %s days', (days) => {
    const r = accountSettingsSchema.safeParse({ notifyMethod: 'mail', verificationDays: days, requirePasswordChange: true });
    expect(messageOf(r, 'verificationDays')).toBe('認証要求メール有効期間は1～14日の間で選択してください。');
  });

  it.each([1, 7, 14])('accepts %s days', (days) => {
    expect(accountSettingsSchema.safeParse({ notifyMethod: 'pdf', verificationDays: days, requirePasswordChange: false }).success).toBe(true);
  });

  it('checks the portal address, port and URL', () => {
    expect(portalSettingsSchema.safeParse({ listenHost: '0.0.0.0', port: 8080, baseUrl: 'http://192.168.1.10:8080/' }).success).toBe(true);
    const r = portalSettingsSchema.safeParse({ listenHost: 'my-pc', port: 70000, baseUrl: 'ftp://x' });
    expect(messageOf(r, 'listenHost')).toMatch(/待ち受けアドレス/);
    expect(messageOf(r, 'port')).toMatch(/ポート番号/);
    expect(messageOf(r, 'baseUrl')).toMatch(/http:\/\//);
  });
});

describe('address comparison', () => {
  it('is case-insensitive in the domain part only', () => {
    expect(addressKey('Taro@Example.CO.JP')).toBe('Taro@example.co.jp');
    expect(addressKey('taro@example.co.jp')).not.toBe(addressKey('Taro@example.co.jp'));
  });

  it('finds an address repeated within one employee', () => {
    expect(repeatedWithin(['a@x.jp', null, 'a@X.JP'])).toEqual(['a@X.JP']);
    expect(repeatedWithin(['a@x.jp', 'A@x.jp', null])).toEqual([]);
  });
});
