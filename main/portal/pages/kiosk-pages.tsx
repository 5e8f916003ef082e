import { ja } from '../../../preload/i18n/ja';
import { formatDateTime, formatTime } from '../../../preload/i18n/format-date-time';
import { PortalLayout, renderPage } from './layout';

const t = ja.punch;

/**
 * The shared Web time recorder: big, clear, usable with gloves on a tablet. The clock starts at
 * the server's time and /assets/kiosk-clock.js keeps it moving (a file: the CSP allows no inline script).
 */
export function kioskPage(o: { companyName: string; csrf: string; requestId: string; now: number; error?: string }) {
  return renderPage(
    <PortalLayout title={t.kioskTitle} companyName={o.companyName} wide script="/assets/kiosk-clock.js">
      <h1>{t.kioskTitle}</h1>
      <p className="kiosk-clock" aria-label={t.clock} data-server-time={o.now}
        data-utc-offset-minutes={-new Date(o.now).getTimezoneOffset()}>{formatDateTime(o.now).slice(0, 16)}</p>
      {o.error && <p className="notice notice-error" role="alert">{o.error}</p>}
      <form method="post" action="/kiosk" className="form kiosk-form" autoComplete="off">
        <input type="hidden" name="_csrf" value={o.csrf} />
        <input type="hidden" name="requestId" value={o.requestId} />
        <label htmlFor="identifier">{t.kioskIdentifier}</label>
        <input id="identifier" name="identifier" required maxLength={64} autoFocus autoCapitalize="off" />
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

/**
 * Every refusal, whatever the reason: the same text (true in the PDF and the mail mode), and
 * back to an empty form by itself — the next person at the tablet must not see what was typed.
 */
export function kioskRefusedPage(o: { companyName: string }) {
  return renderPage(
    <PortalLayout title={t.kioskTitle} companyName={o.companyName} wide refresh={{ seconds: 6, url: '/kiosk' }}>
      <h1>{t.kioskTitle}</h1>
      <p className="notice notice-error kiosk-refused" role="alert">{t.kioskRefused}</p>
      <p><a className="button" href="/kiosk">{t.kioskBack}</a></p>
    </PortalLayout>,
  );
}
