import { ja } from '../../../preload/i18n/ja';

const KB = 1024;
const MB = 1024 * 1024;

/** A backup's size: whole KB below 1 MB (never 0 KB), else MB with one decimal. */
export function formatSize(bytes: number): string {
  if (bytes < MB) return ja.backup.sizeKb(Math.max(1, Math.ceil(bytes / KB)).toLocaleString('ja-JP'));
  return ja.backup.sizeMb((bytes / MB).toLocaleString('ja-JP', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
}
