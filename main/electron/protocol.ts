/**
 * The app:// scheme's privileges, which Electron takes only before the app is ready. The
 * requests themselves are answered by main/desktop/app-protocol.ts.
 */
import { protocol } from 'electron';
import { APP_SCHEME } from '../desktop/url-policy';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}
