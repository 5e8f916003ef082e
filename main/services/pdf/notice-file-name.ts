/**
 * The file names of the notices: an individual one by 社員コード and 氏名, a bulk one by its date,
 * time and count — so that two saved one after the other can be told apart — and always a valid
 * Windows file name (the office's PCs), whatever characters a name holds.
 */
import type { IssueKind } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';

/** Characters Windows refuses in a file name. */
const FORBIDDEN = /[\\/:*?"<>|]/g;
/**
 * Characters that print as nothing: control and format characters (zero-width ones, and the
 * bidi overrides that could make 「…fdp.exe」 look like 「…exe.pdf」), line and paragraph separators.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/** Device names Windows reserves, with or without an extension (CON, CON.txt …). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;
/** A name part is kept short: the whole path must stay well under Windows' 260 characters. */
const MAX_PART = 40;

/** One part of a file name, made safe for Windows (and every other system). */
export function windowsSafe(text: string): string {
  const cleaned = text.replace(INVISIBLE, '').replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim();
  // by whole characters: a surrogate pair (𠮷) is never cut in half
  const short = [...cleaned].slice(0, MAX_PART).join('');
  // Windows drops trailing dots and spaces, which would change the name
  const trimmed = short.replace(/[. ]+$/, '');
  return RESERVED.test(trimmed) ? `_${trimmed}` : trimmed;
}

const title = (kind: IssueKind) => (kind === 'password' ? ja.notice.passwordFileTitle : ja.notice.passcodeFileTitle);
const join = (parts: string[]) => `${parts.filter((p) => p !== '').join('_')}.pdf`;
const pad = (n: number) => String(n).padStart(2, '0');

/** 「パスワード通知書_1011_田所 耕太郎.pdf」 */
export function individualNoticeFileName(kind: IssueKind, employee: { code: string; name: string }): string {
  return join([title(kind), windowsSafe(employee.code), windowsSafe(employee.name)]);
}

/** 「パスワード通知書_20261125-0905_12件.pdf」, in the local time the screens show. */
export function bulkNoticeFileName(kind: IssueKind, count: number, at: number): string {
  const d = new Date(at);
  const stamp = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
  return join([title(kind), stamp, ja.notice.fileCount(count)]);
}
