const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY/MM/DD HH:mm:ss in the workstation's time zone, as the mails and the source screens write it. */
export function formatDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}/${pad(d.getMonth() + 1)}/${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
