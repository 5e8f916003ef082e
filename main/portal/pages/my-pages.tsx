import type { DuplicateAddressWarning } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import type { PunchRow } from '../../../db/queries/punches';
import { formatDateTime, formatTime } from '../../../preload/i18n/format-date-time';
import { PortalLayout, renderPage } from './layout';

const p = ja.portal;
const t = ja.punch;

const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;
const Alert = ({ text }: { text?: string }) => (text ? <p className="notice notice-error" role="alert">{text}</p> : null);
const Notice = ({ text }: { text?: string }) => (text ? <p className="notice notice-success" role="status">{text}</p> : null);

export function UserMenu({ name, csrf }: { name: string; csrf: string }) {
  return (
    <nav className="user-menu" aria-label={p.userMenu}>
      <span>{p.greeting(name)}</span>
      <a href="/">{p.home}</a>
      <a href="/mypage">{p.myPage}</a>
      <form method="post" action="/logout"><Csrf token={csrf} /><button type="submit" className="link">{p.logout}</button></form>
    </nav>
  );
}

export interface HomeModel {
  companyName: string; csrf: string; name: string; previousLoginAt: number | null;
  punches: PunchRow[]; punchRequestId: string; notice?: string; error?: string;
}

export function homePage(o: HomeModel) {
  return renderPage(
    <PortalLayout title={p.home} companyName={o.companyName}>
      <UserMenu name={o.name} csrf={o.csrf} />
      <h1>{p.home}</h1>
      <Notice text={o.notice} />
      <Alert text={o.error} />
      <dl className="facts">
        <dt>{p.previousLogin}</dt>
        <dd>{o.previousLoginAt === null ? p.firstTime : formatDateTime(o.previousLoginAt)}</dd>
      </dl>
      <section aria-labelledby="punch-title" className="punch">
        <h2 id="punch-title">{t.title}</h2>
        <form method="post" action="/punch" className="punch-buttons">
          <Csrf token={o.csrf} />
          <input type="hidden" name="requestId" value={o.punchRequestId} />
          <button type="submit" name="kind" value="in" className="punch-in">{t.in}</button>
          <button type="submit" name="kind" value="out" className="punch-out">{t.out}</button>
        </form>
        <h3>{t.todayTitle}</h3>
        {o.punches.length === 0 ? <p>{t.none}</p> : (
          <ul className="punch-list" aria-label={t.todayTitle}>
            {o.punches.map((x) => <li key={`${x.at}-${x.kind}`}>{formatTime(x.at)} {x.kind === 'in' ? t.in : t.out}</li>)}
          </ul>
        )}
      </section>
    </PortalLayout>,
  );
}

export function myPage(o: { companyName: string; csrf: string; name: string; loginId: string; addresses: (string | null)[]; notice?: string }) {
  return renderPage(
    <PortalLayout title={p.myPage} companyName={o.companyName}>
      <UserMenu name={o.name} csrf={o.csrf} />
      <h1>{p.myPage}</h1>
      <Notice text={o.notice} />
      <table className="my-table">
        <tbody>
          <tr><th scope="row">{p.loginId}</th><td>{o.loginId}</td><td><a className="button small" href="/mypage/login-id">{p.change}</a></td></tr>
          <tr><th scope="row">{p.password}</th><td>{p.passwordMask}</td><td><a className="button small" href="/password">{p.change}</a></td></tr>
          {o.addresses.map((a, i) => (
            <tr key={i}><th scope="row">{ja.employeeForm.email(i + 1)}</th><td>{a ?? p.notSet}</td><td /></tr>
          ))}
        </tbody>
      </table>
      <p><a className="button" href="/mypage/addresses">{p.myPageEdit}</a></p>
    </PortalLayout>,
  );
}

export function loginIdPage(o: { companyName: string; csrf: string; name: string; current: string; value?: string; error?: string }) {
  return renderPage(
    <PortalLayout title={p.loginIdChangeTitle} companyName={o.companyName}>
      <UserMenu name={o.name} csrf={o.csrf} />
      <h1>{p.loginIdChangeTitle}</h1>
      <Alert text={o.error} />
      <form method="post" action="/mypage/login-id" className="form">
        <Csrf token={o.csrf} />
        <label htmlFor="loginId">{p.newLoginId}</label>
        <input id="loginId" name="loginId" required maxLength={64} defaultValue={o.value ?? o.current} autoComplete="username" />
        <label htmlFor="currentPassword">{p.currentPassword}</label>
        <input id="currentPassword" name="currentPassword" type="password" required maxLength={128} autoComplete="current-password" />
        <button type="submit">{p.change}</button>
      </form>
    </PortalLayout>,
  );
}

export interface AddressFormModel {
  companyName: string; csrf: string; name: string; values: (string | null)[]; error?: string;
  /** set when the entered addresses repeat: the warning dialog of SPEC §10 */
  warnings?: DuplicateAddressWarning[];
  /** with the warnings: the seal that the password was checked for these addresses (「OK」 sends it back) */
  confirm?: string;
}

export function addressesPage(o: AddressFormModel) {
  const hidden = o.values.map((v, i) => <input key={i} type="hidden" name={`email${i + 1}`} value={v ?? ''} />);
  return renderPage(
    <PortalLayout title={p.myPageEdit} companyName={o.companyName}>
      <UserMenu name={o.name} csrf={o.csrf} />
      <h1>{p.myPageEdit}</h1>
      <Alert text={o.error} />
      {o.warnings ? (
        <section role="alertdialog" aria-labelledby="dup-title" className="dialog-like">
          <h2 id="dup-title">{ja.duplicateDialog.title}</h2>
          <p>{ja.duplicateDialog.lead}</p>
          <ul>
            {o.warnings.map((w) => (
              <li key={`${w.address}-${w.otherEmployee?.id ?? 0}`}>
                {w.otherEmployee ? ja.duplicateDialog.otherEmployeeAnonymous(w.address) : ja.duplicateDialog.sameEmployee(w.address)}
              </li>
            ))}
          </ul>
          <div className="actions">
            <form method="post" action="/mypage/addresses">
              <Csrf token={o.csrf} />{hidden}<input type="hidden" name="accept" value="1" />
              <input type="hidden" name="confirm" value={o.confirm ?? ''} />
              <button type="submit">{ja.duplicateDialog.ok}</button>
            </form>
            <form method="post" action="/mypage/addresses">
              <Csrf token={o.csrf} />{hidden}<input type="hidden" name="intent" value="back" />
              <button type="submit" className="secondary">{ja.duplicateDialog.cancel}</button>
            </form>
          </div>
        </section>
      ) : (
        <form method="post" action="/mypage/addresses" className="form">
          <Csrf token={o.csrf} />
          {o.values.map((v, i) => (
            <div key={i} className="field">
              <label htmlFor={`email${i + 1}`}>{ja.employeeForm.email(i + 1)}</label>
              <input id={`email${i + 1}`} name={`email${i + 1}`} type="email" maxLength={254} defaultValue={v ?? ''} autoComplete="email" />
            </div>
          ))}
          <label htmlFor="currentPassword">{p.currentPassword}</label>
          <input id="currentPassword" name="currentPassword" type="password" required maxLength={128} autoComplete="current-password" />
          <button type="submit">{p.save}</button>
          <a href="/mypage">{p.back}</a>
        </form>
      )}
    </PortalLayout>,
  );
}
