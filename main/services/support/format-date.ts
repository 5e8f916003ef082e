/** YYYY/MM/DD HH:mm:ss in the machine's local time zone: the format of the mails (SPEC §8). */
export function formatDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** HH:mm, for punches. */
export const formatTime = (epochMs: number): string => formatDateTime(epochMs).slice(11, 16);
