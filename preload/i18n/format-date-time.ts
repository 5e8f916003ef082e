/**
 * Dates as the mails and the source screens write them: YYYY/MM/DD HH:mm:ss in the local
 * time zone of the machine showing them. Shared by the screens, the mails, the notices and the CSV.
 */
const pad = (n: number) => String(n).padStart(2, '0');

export function formatDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}/${pad(d.getMonth() + 1)}/${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** HH:mm, for punches. */
export const formatTime = (epochMs: number): string => formatDateTime(epochMs).slice(11, 16);
