/**
 * The two upload layouts of 「社員情報の一括アップロード」 (SPEC §11), and the download's.
 * 汎用パターン1 is the download's own layout: a downloaded file can be edited and uploaded
 * as it is (the status columns are read-only and ignored on upload). 汎用パターン2 is the
 * minimal one; a new employee's ログインID is then the 社員コード.
 */
export type CsvPattern = 'pattern1' | 'pattern2';

export const PATTERN1_COLUMNS = [
  '社員コード', '姓', '名', '敬称', '所属', 'ログインID', 'タイムレコーダー', 'メールアドレス1', 'メールアドレス2', 'メールアドレス3',
  'パスワード', '認証状態', 'パスコード', '最終ログイン日時',
] as const;

export const PATTERN2_COLUMNS = ['社員コード', '姓', '名', '所属', 'メールアドレス1', 'メールアドレス2', 'メールアドレス3'] as const;

export const columnsOf = (p: CsvPattern): readonly string[] => (p === 'pattern1' ? PATTERN1_COLUMNS : PATTERN2_COLUMNS);

export const RECORDER_VALUES: Record<string, boolean> = { 有効: true, 無効: false };
