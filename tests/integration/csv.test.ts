import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertEmployee } from '../../db/queries/employees';
import type { CsvExportResult } from '../../preload/contract';
import { issueByPdf } from '../support/issue-by-pdf';
import { employeeInput, makeTestApp, registerEmployee } from '../support/test-app';

let t: ReturnType<typeof makeTestApp>;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(async () => {
  await t.dispose();
});

const ALL = { text: '', password: [], passcode: [], verification: [] };
const register = (o: Parameters<typeof employeeInput>[0]) => registerEmployee(t.app, o);
const bytesOf = (r: CsvExportResult) => {
  if (r.status !== 'ready') throw new Error('not ready');
  return Buffer.from(r.contentBase64, 'base64');
};
const snapshot = () => t.app.db.prepare('SELECT login_id, code, last_name, first_name, honorific, department, email1, email2, email3, recorder_enabled FROM employees ORDER BY id').all();
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const P1 = '社員コード,姓,名,敬称,所属,ログインID,タイムレコーダー,メールアドレス1,メールアドレス2,メールアドレス3,パスワード,認証状態,パスコード,最終ログイン日時';
const P2 = '社員コード,姓,名,所属,メールアドレス1,メールアドレス2,メールアドレス3';

describe('CSV download', () => {
  it('keeps leading zeros, neutralises formula cells, and round-trips unchanged in both encodings', async () => {
    register({ loginId: 'takasaki', code: '0011', lastName: '髙﨑', firstName: '①子', email1: 'a@example.co.jp', department: '=HYPERLINK("x")' });
    register({ loginId: 'minus', code: '0100', lastName: '-田中', firstName: '+太郎', honorific: '様', email2: 'b@example.co.jp', recorderEnabled: false });
    register({ loginId: 'atmark', code: '', lastName: '@山田', firstName: '' });
    const before = snapshot();
    for (const encoding of ['sjis', 'utf8'] as const) {
      const file = bytesOf(t.app.csv.export(ALL, encoding));
      const text = encoding === 'sjis' ? iconv.decode(file, 'cp932') : file.subarray(3).toString('utf8');
      if (encoding === 'utf8') expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(text).toContain('"=""0011"""'); // ="0011": Excel keeps the zeros
      expect(text).toContain(`"'=HYPERLINK(""x"")"`);
      expect(text).toContain("'-田中,'+太郎");
      expect(text).toContain("'@山田");
      expect(text.split('\r\n')[0]).toBe(P1);
      const preview = await t.app.csv.previewImport('pattern1', 'auto', file);
      expect(preview.encoding).toBe(encoding);
      expect(preview.rows.map((r) => [r.action, r.errors])).toEqual(preview.rows.map(() => ['unchanged', []]));
      await t.app.csv.commitImport(preview.previewId!);
      expect(snapshot()).toEqual(before);
    }
  });

  it('writes the product\'s own values as they are (認証状態 -), and what people typed round-trips exactly, apostrophes included', async () => {
    const pdf = register({ loginId: 'pdf', code: '0200', lastName: '佐藤', firstName: '花子' });
    await issueByPdf(t.app, pdf, 'password'); // 発行済 by PDF: 認証状態 -
    register({ loginId: 'quotes', code: '0201', lastName: "'=x", firstName: "''+1", department: "'@home", honorific: "'様" });
    register({ loginId: 'dash', code: '0202', lastName: '-', firstName: "'-", department: "'" });
    const before = snapshot();
    const file = bytesOf(t.app.csv.export(ALL, 'utf8'));
    const lines = file.subarray(3).toString('utf8').split('\r\n');
    const status = (loginId: string) => lines.find((l) => l.includes(`,${loginId},`))!.split(',').slice(10);
    expect(status('pdf')).toEqual(['発行済', '-', '未発行', '']); // not '- (a guard against formulas the product never writes)
    expect(lines.find((l) => l.includes(',quotes,'))).toContain(`''=x,'''+1,'様,''@home`);
    expect(lines.find((l) => l.includes(',dash,'))).toContain(`'-,''-,,',dash,`);
    const preview = await t.app.csv.previewImport('pattern1', 'auto', file);
    expect(preview.rows.map((r) => [r.loginId, r.action, r.errors])).toEqual(preview.rows.map((r) => [r.loginId, 'unchanged', []]));
    await t.app.csv.commitImport(preview.previewId!);
    expect(snapshot()).toEqual(before);
  });

  it('refuses Shift_JIS when a character would be lost, naming the rows, and UTF-8 then works', () => {
    register({ loginId: 'yoshida', code: '0020', lastName: '𠮷田', firstName: '太郎' });
    const sjis = t.app.csv.export(ALL, 'sjis');
    expect(sjis).toEqual({ status: 'unencodable', problems: [{ line: 2, loginId: 'yoshida', characters: ['𠮷'] }] });
    const utf = bytesOf(t.app.csv.export(ALL, 'utf8'));
    expect(utf.toString('utf8')).toContain('𠮷田');
  });

  it('downloads only the grid\'s current search result when filtered', () => {
    register({ loginId: 'osaka1', code: '3001', lastName: '大阪', department: '大阪支店' });
    register({ loginId: 'tokyo1', code: '3002', lastName: '東京', department: '本社' });
    const r = t.app.csv.export({ ...ALL, text: '大阪' }, 'utf8');
    expect(r.status === 'ready' && r.rows).toBe(1);
  });
});

describe('CSV upload', () => {
  it('creates and updates with 汎用パターン2, matching by 社員コード, in one transaction', async () => {
    register({ loginId: 'existing', code: '5001', lastName: '既存', department: '本社' });
    const file = utf8(`${P2}\r\n5001,既存,一郎,大阪支店,kizon@example.co.jp,,\r\n5002,新規,花子,本社,,,\r\n`);
    const preview = await t.app.csv.previewImport('pattern2', 'auto', file);
    expect(preview.rows.map((r) => [r.line, r.action, r.loginId])).toEqual([[2, 'update', 'existing'], [3, 'create', '5002']]);
    expect(await t.app.csv.commitImport(preview.previewId!)).toEqual({ created: 1, updated: 1 });
    expect(snapshot()).toContainEqual(expect.objectContaining({ login_id: 'existing', first_name: '一郎', department: '大阪支店', email1: 'kizon@example.co.jp' }));
    expect(snapshot()).toContainEqual(expect.objectContaining({ login_id: '5002', last_name: '新規' }));
  });

  it('names the row and the column of every error, and blocks the import', async () => {
    register({ loginId: 'taken', code: '9000', lastName: '既存' });
    register({ loginId: 'other', code: '9001', lastName: '別人' });
    const file = utf8([
      P1,
      '6001,,名,,,nolast,有効,,,,,,,',
      '6002,鈴木,,,,suzuki,有効,not-an-address,,,,,,',
      '9001,佐藤,,,,taken,有効,,,,,,,', // 9001 is 別人, taken is 既存's
      '6004,田中,,,,tanaka,たぶん,,,,,,,',
      '6005,伊藤,,,,ito,有効,,,,,,,,extra',
      '6006,加藤,,,,dup,有効,,,,,,,',
      '6007,加藤,,,,DUP,有効,,,,,,,',
    ].join('\r\n'));
    const preview = await t.app.csv.previewImport('pattern1', 'auto', file);
    expect(preview.previewId).toBeNull();
    const errors = Object.fromEntries(preview.rows.map((r) => [r.line, r.errors]));
    expect(errors[2]).toEqual(['2行目「姓」: 姓を入力してください。']);
    expect(errors[3]).toEqual(['3行目「メールアドレス1」: メールアドレス1の形式が正しくありません（例: taro@example.co.jp）。']);
    expect(errors[4]).toEqual(['4行目「ログインID」: このログインIDは既に使用されています。']);
    expect(errors[5]).toEqual(['5行目「タイムレコーダー」: 「有効」または「無効」で入力してください。']);
    expect(errors[6]).toEqual(['6行目: 列が多すぎます（14列まで）。']);
    expect(errors[8]).toEqual(['8行目「ログインID」: このログインIDは既に使用されています。']);
    expect(preview.counts.errors).toBe(6);
  });

  it('warns about repeated addresses: within a row, across rows, and held by someone not in the file', async () => {
    register({ loginId: 'holder', code: '7000', lastName: '保持', firstName: '者', email1: 'held@example.co.jp' });
    const file = utf8([
      P2,
      '7001,一,,,same@example.co.jp,same@EXAMPLE.co.jp,',
      '7002,二,,,shared@example.co.jp,,',
      '7003,三,,,shared@Example.co.jp,,',
      '7004,四,,,held@EXAMPLE.CO.JP,,',
    ].join('\r\n'));
    const preview = await t.app.csv.previewImport('pattern2', 'auto', file);
    const warnings = Object.fromEntries(preview.rows.map((r) => [r.line, r.warnings]));
    expect(warnings[2]).toEqual(['same@EXAMPLE.co.jp がこの行の中で重複しています。']); // the second occurrence is named
    expect(warnings[3]).toEqual(['shared@example.co.jp が 4行目の社員と重複しています。']);
    expect(warnings[5]).toEqual(['held@EXAMPLE.CO.JP は登録済みの社員 保持 者（holder）と重複しています。']);
    // the warning dialog's list: each line says which line of the file it is about, and the other line
    expect(preview.warnings).toEqual([
      '2行目: same@EXAMPLE.co.jp がこの行の中で重複しています。',
      '3行目: shared@example.co.jp が 4行目の社員と重複しています。',
      '4行目: shared@example.co.jp が 3行目の社員と重複しています。',
      '5行目: held@EXAMPLE.CO.JP は登録済みの社員 保持 者（holder）と重複しています。',
    ]);
    expect(preview.previewId).not.toBeNull(); // warnings can be accepted
  });

  it('gives a clear message for a binary file, a wrong delimiter, unbalanced quotes, an empty file and a wrong header', async () => {
    const cases: [Buffer, string][] = [
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'CSVファイルではありません'],
      [utf8(P2.replaceAll(',', '\t') + '\n1\t2\n'), '区切り文字がカンマ（,）ではありません'],
      [utf8(`${P2}\n7001,"未完,,,,,\n`), '2行目: 引用符（"）が閉じられていません。'],
      [Buffer.alloc(0), 'ファイルが空です'],
      [utf8('\r\n  \r\n'), 'ファイルが空です'],
      [utf8('名前,メール\n'), '1行目の見出しが汎用パターン2と一致しません'],
    ];
    for (const [bytes, message] of cases) {
      await expect(t.app.csv.previewImport('pattern2', 'auto', bytes), message).rejects.toThrow(message);
    }
  });

  it('reads Shift_JIS written by Excel, with 髙 and 﨑', async () => {
    const file = iconv.encode(`${P2}\r\n8001,髙﨑,①,本社,,,\r\n`, 'cp932');
    const preview = await t.app.csv.previewImport('pattern2', 'auto', file);
    expect(preview.encoding).toBe('sjis');
    expect(preview.rows[0]).toMatchObject({ action: 'create', name: '髙﨑 ①' });
  });

  it('imports all or nothing: a conflict arising after the preview saves no row', async () => {
    const file = utf8(`${P2}\r\n8101,一,,,,,\r\n8102,二,,,,,\r\n`);
    const preview = await t.app.csv.previewImport('pattern2', 'auto', file);
    insertEmployee(t.app.db, { ...employeeInput({ loginId: '8102', code: '', lastName: '割込み' }), recorderEnabled: true }, t.clock.now());
    const before = snapshot();
    await expect(t.app.csv.commitImport(preview.previewId!)).rejects.toThrow('取り込み中に社員情報が変更されたため');
    expect(snapshot()).toEqual(before);
  });

  it('keeps only the latest 8 previews: an older one, or one past its 30 minutes, says so in Japanese and saves nothing', async () => {
    // an administrator choosing file after file: each abandoned preview held its rows until its TTL
    const previews: { previewId: string | null }[] = [];
    for (let i = 0; i < 9; i++) previews.push(await t.app.csv.previewImport('pattern2', 'auto', utf8(`${P2}\r\n${8200 + i},社員,${i},,,,\r\n`)));
    const before = snapshot();
    await expect(t.app.csv.commitImport(previews[0]!.previewId!)).rejects.toThrow('プレビューの有効期限が切れました。もう一度ファイルを選択してください。');
    expect(snapshot()).toEqual(before);
    expect(await t.app.csv.commitImport(previews[1]!.previewId!)).toEqual({ created: 1, updated: 0 });
    t.clock.advance(30 * 60_000 + 1);
    await t.app.csv.previewImport('pattern2', 'auto', utf8(`${P2}\r\n8300,社員,x,,,,\r\n`)); // the next preview lets the expired ones go
    const after = snapshot();
    await expect(t.app.csv.commitImport(previews[8]!.previewId!)).rejects.toThrow('プレビューの有効期限が切れました。');
    expect(snapshot()).toEqual(after);
  });

  it('imports a preview once when two tabs press 取り込み at the same moment: the other is told the preview is gone', async () => {
    const preview = await t.app.csv.previewImport('pattern2', 'auto', utf8(`${P2}\r\n8401,一,,,,,\r\n8402,二,,,,,\r\n`));
    const outcomes = await Promise.allSettled([t.app.csv.commitImport(preview.previewId!), t.app.csv.commitImport(preview.previewId!)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value)).toEqual([{ created: 2, updated: 0 }]);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o.reason as Error).message)).toEqual(['プレビューの有効期限が切れました。もう一度ファイルを選択してください。']);
    expect((t.app.db.prepare(`SELECT count(*) AS n FROM employees WHERE code IN ('8401', '8402')`).get() as { n: number }).n).toBe(2);
  });

  it('previews and imports 10,000 rows in one transaction', async () => {
    const lines = [P2, ...Array.from({ length: 10_000 }, (_, i) => `${100000 + i},社員,${i},本社,u${i}@example.co.jp,,`)];
    const preview = await t.app.csv.previewImport('pattern2', 'auto', utf8(lines.join('\r\n')));
    expect(preview.counts).toEqual({ create: 10_000, update: 0, unchanged: 0, errors: 0 });
    expect(await t.app.csv.commitImport(preview.previewId!)).toEqual({ created: 10_000, updated: 0 });
    expect((t.app.db.prepare('SELECT count(*) AS n FROM employees').get() as { n: number }).n).toBe(10_000);
  });
});

describe('CSV upload, details', () => {
  it('shows the file\'s ログインID and 氏名 on rows with errors, reads ="0011" typed without quotes, and names only a few repeated lines', async () => {
    const file = utf8([
      P1,
      '="0011",山田,花子,,,ya,有効,,,,,,,', // ログインID too short, code typed as ="0011"
      ...Array.from({ length: 8 }, (_, i) => `${2000 + i},共有,${i},,,share${i},有効,same@example.co.jp,,,,,,`),
    ].join('\r\n'));
    const preview = await t.app.csv.previewImport('pattern1', 'auto', file);
    expect(preview.rows[0]).toMatchObject({ loginId: 'ya', name: '山田 花子' });
    expect(preview.rows[0]!.errors[0]).toContain('2行目「ログインID」');
    expect(preview.rows[1]!.warnings).toEqual(['same@example.co.jp が 4、5、6、7、8行目ほか2行の社員と重複しています。']);
  });
});
