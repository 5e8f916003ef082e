/**
 * Maps an app:// request path to a file under the renderer folder, or to nothing. The served
 * tree is a Vite build: plain names in plain folders. So instead of trying to recognise every
 * way out (`..` encoded once or twice, a backslash that is a separator on Windows, a drive
 * letter, an alternate data stream, a device name), anything a build never contains is
 * refused, and what is left must still resolve under the root. `p` is the path flavour
 * (tests check Windows rules on any OS).
 */
import path from 'node:path';

type PathApi = Pick<typeof path, 'resolve' | 'sep'>;

/** Windows opens a device for these names, whatever the extension and the folder. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

export function resolveUnderRoot(root: string, pathname: string, p: PathApi = path): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  // '%' left after one decoding was encoded twice; '\' and ':' are separators or drive letters on Windows
  if (/[\0\\%:]/.test(decoded)) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\//, '');
  const segments = relative.split('/');
  for (const s of segments) {
    // an empty segment is `//` (an absolute path once the leading slash is gone); Windows trims trailing dots and spaces
    if (s === '' || s === '.' || s === '..' || /[. ]$/.test(s) || WINDOWS_DEVICE.test(s)) return null;
  }
  const rootDir = p.resolve(root);
  const file = p.resolve(rootDir, ...segments);
  return file.startsWith(rootDir + p.sep) ? file : null;
}
