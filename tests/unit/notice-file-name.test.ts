import { describe, expect, it } from 'vitest';
import { bulkNoticeFileName, individualNoticeFileName, windowsSafe } from '../../main/services/pdf/notice-file-name';

describe('the notices\' file names', () => {
  it('names an individual notice by 社員コード and 氏名, so two saved one after the other differ', () => {
    expect(individualNoticeFileName('password', { code: '1011', name: '田所 耕太郎' })).toBe('パスワード通知書_1011_田所 耕太郎.pdf');
    expect(individualNoticeFileName('passcode', { code: '0011', name: '弥生 憲司' })).toBe('パスコード通知書_0011_弥生 憲司.pdf');
    expect(individualNoticeFileName('password', { code: '', name: '法人管理者' })).toBe('パスワード通知書_法人管理者.pdf');
  });

  it('names a bulk notice by its date and time and how many notices it holds', () => {
    const at = new Date(2026, 10, 25, 9, 5, 30).getTime(); // local time, as the screens show it
    expect(bulkNoticeFileName('password', 12, at)).toBe('パスワード通知書_20261125-0905_12件.pdf');
    expect(bulkNoticeFileName('passcode', 1, at)).toBe('パスコード通知書_20261125-0905_1件.pdf');
  });

  it('is a valid Windows file name whatever the name holds', () => {
    expect(windowsSafe('a/b\\c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j');
    // invisible characters go: a right-to-left override could make 「…fdp.exe」 look like 「…exe.pdf」
    expect(windowsSafe('山田\u202efdp.exe')).toBe('山田fdp.exe');
    expect(windowsSafe('佐藤\u200b花子\u0007\t')).toBe('佐藤花子');
    expect(windowsSafe('株式会社. . ')).toBe('株式会社');
    expect(windowsSafe('  鈴木   一郎  ')).toBe('鈴木 一郎');
    for (const reserved of ['CON', 'prn', 'Aux', 'NUL', 'COM1', 'lpt9', 'CON.txt', 'com¹']) expect(windowsSafe(reserved)).toBe(`_${reserved}`);
    expect(windowsSafe('CONSOLE')).toBe('CONSOLE');
    expect(windowsSafe('...')).toBe('');
    // long names are shortened by whole characters (𠮷 is two UTF-16 units and stays whole)
    expect(windowsSafe('𠮷'.repeat(60))).toBe('𠮷'.repeat(40));
    expect(individualNoticeFileName('password', { code: '12/34', name: 'CON' })).toBe('パスワード通知書_12_34__CON.pdf');
    expect(individualNoticeFileName('password', { code: '', name: '\u200b' })).toBe('パスワード通知書.pdf');
  });
});
