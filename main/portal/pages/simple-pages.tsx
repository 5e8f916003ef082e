import { ja } from '../../../preload/i18n/ja';
import { PortalLayout, renderPage } from './layout';

export const messagePage = (companyName: string, title: string, message: string) =>
  renderPage(
    <PortalLayout title={title} companyName={companyName}>
      <h1>{title}</h1>
      <p>{message}</p>
    </PortalLayout>,
  );

/**
 * 429: when to come back, and the way back to the page. The kiosk's returns to its form by
 * itself (a shared tablet has nobody to press the link).
 */
export function tooManyPage(o: { companyName: string; minutes: number; back: string; kiosk: boolean }) {
  return renderPage(
    <PortalLayout title={ja.portal.tooManyTitle} companyName={o.companyName} wide={o.kiosk}
      refresh={o.kiosk ? { seconds: 15, url: o.back } : undefined}>
      <h1>{ja.portal.tooManyTitle}</h1>
      <p className="notice notice-error" role="alert">{ja.portal.tooManyRetry(o.minutes)}</p>
      <p><a className="button" href={o.back}>{o.kiosk ? ja.punch.kioskBack : ja.portal.back}</a></p>
    </PortalLayout>,
  );
}
