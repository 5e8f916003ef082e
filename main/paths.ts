import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root in development; in the packaged app, the asar root (same layout). */
const here = path.dirname(fileURLToPath(import.meta.url));
export const appRoot = path.resolve(here, '..');
export const resourcesDir = path.join(appRoot, 'resources');
export const rendererDistDir = path.join(appRoot, 'dist', 'renderer');
/** the notification-area icon (tray@2x.png beside it for high-DPI screens) */
export const trayIconPath = path.join(resourcesDir, 'icons', 'tray.png');
