/** How long the object URL outlives the click: the browser has taken the bytes by then. */
const REVOKE_AFTER_MS = 10_000;

/**
 * Hands bytes made in the page to the browser as a download: a temporary link with
 * `download` to an object URL, clicked, then removed; the URL is revoked a little later
 * (revoking at once can cancel the download in some browsers).
 */
export function saveDownload(bytes: Uint8Array<ArrayBuffer>, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  // Inside an open modal dialog the rest of the page is inert, so the link goes into the dialog.
  (document.querySelector('dialog[open]') ?? document.body).append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
