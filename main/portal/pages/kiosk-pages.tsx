import { ja } from '../../../preload/i18n/ja';
import { formatDateTime, formatTime } from '../../../preload/i18n/format-date-time';
import { PortalLayout, renderPage } from './layout';

const t = ja.punch;

/** The shared Web time recorder: big, clear, usable with gloves on a tablet. */
export function kioskPage(o: { companyName: string; csrf: string; requestId: string; now: number; identifier?: string; error?: string }) {
  return renderPage(
    <PortalLayout title={t.kioskTitle} companyName={o.companyName} wide>
      <h1>{t.kioskTitle}</h1>
      <p className="kiosk-clock" aria-label={t.clock}>{formatDateTime(o.now).slice(0, 16)}</p>
      {o.error && <p className="notice notice-error" role="alert">{o.error}</p>}
      <form method="post" action="/kiosk" className="form kiosk-form" autoComplete="off">
        <input type="hidden" name="_csrf" value={o.csrf} />
        <input type="hidden" name="requestId" value={o.requestId} />
        <label htmlFor="identifier">{t.kioskIdentifier}</label>
        <input id="identifier" name="identifier" required maxLength={64} defaultValue={o.identifier ?? ''} autoFocus autoCapitalize="off" />
        <label htmlFor="passcode">{t.kioskPasscode}</label>
        <input id="passcode" name="passcode" type="password" required inputMode="numeric" pattern="[0-9]{4}" minLength={4} maxLength={4} />
        <div className="punch-buttons">
          <button type="submit" name="kind" value="in" className="punch-in">{t.in}</button>
          <button type="submit" name="kind" value="out" className="punch-out">{t.out}</button>
        </div>
      </form>
    </PortalLayout>,
  );
}

/** The confirmation, shown only after the punch is committed; back to the form by itself. */
export function kioskDonePage(o: { companyName: string; name: string; kind: 'in' | 'out'; at: number }) {
  return renderPage(
    <PortalLayout title={t.kioskTitle} companyName={o.companyName} wide refresh={{ seconds: 8, url: '/kiosk' }}>
      <section className="kiosk-done" role="status">
        <p className="kiosk-done-name">{t.kioskDone(o.name, o.kind === 'in' ? t.in : t.out)}</p>
        <p className="kiosk-done-time">{formatTime(o.at)}</p>
      </section>
      <p><a className="button" href="/kiosk">{t.kioskNext}</a></p>
    </PortalLayout>,
  );
}
