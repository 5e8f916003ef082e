/**
 * The column layouts of 「社員情報の一括ダウンロード／アップロード」 (SPEC §11): a file format,
 * shared by the CSV service and the screen that describes it. 汎用パターン1 is the download's own
 * layout (its last four columns describe the account and are ignored on upload); 汎用パターン2 is
 * the minimal one, where a new employee's ログインID is the 社員コード.
 */
export type CsvPattern = 'pattern1' | 'pattern2';

/** The header of each column, by the field it holds. */
export const CSV_COLUMN = {
  code: '社員コード', lastName: '姓', firstName: '名', honorific: '敬称', department: '所属', loginId: 'ログインID',
  recorder: 'タイムレコーダー', email1: 'メールアドレス1', email2: 'メールアドレス2', email3: 'メールアドレス3',
  password: 'パスワード', verification: '認証状態', passcode: 'パスコード', lastLogin: '最終ログイン日時',
} as const;
const C = CSV_COLUMN;

export const PATTERN1_COLUMNS = [
  C.code, C.lastName, C.firstName, C.honorific, C.department, C.loginId, C.recorder, C.email1, C.email2, C.email3,
  C.password, C.verification, C.passcode, C.lastLogin,
] as const;

export const PATTERN2_COLUMNS = [C.code, C.lastName, C.firstName, C.department, C.email1, C.email2, C.email3] as const;

export const columnsOf = (p: CsvPattern): readonly string[] => (p === 'pattern1' ? PATTERN1_COLUMNS : PATTERN2_COLUMNS);

/** タイムレコーダー's two values in a file. */
export const RECORDER_VALUES: Record<string, boolean> = { 有効: true, 無効: false };
export const recorderValue = (enabled: boolean): string => (enabled ? '有効' : '無効');
