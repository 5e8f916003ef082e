import { ja } from '../../../preload/i18n/ja';
import { PortalLayout, renderPage, renderPageOnce } from './layout';
import { UserMenu } from './my-pages';

const p = ja.portal;

const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;
const Alert = ({ text }: { text?: string }) => (text ? <p className="notice notice-error" role="alert">{text}</p> : null);
const Notice = ({ text }: { text?: string }) => (text ? <p className="notice notice-success" role="status">{text}</p> : null);

export function loginPage(o: { companyName: string; csrf: string; error?: string; loginId?: string; notice?: string }) {
  const page = (csrf: string) => (
    <PortalLayout title={p.loginTitle} companyName={o.companyName}>
      <h1>{p.title}</h1>
      <Notice text={o.notice} />
      <Alert text={o.error} />
      <form method="post" action="/login" className="form">
        <Csrf token={csrf} />
        <label htmlFor="loginId">{p.loginId}</label>
        <input id="loginId" name="loginId" autoComplete="username" required maxLength={64} defaultValue={o.loginId ?? ''} autoFocus />
        <label htmlFor="password">{p.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={128} />
        <button type="submit">{p.loginButton}</button>
      </form>
      <p className="hint">{p.loginLockNote}</p>
    </PortalLayout>
  );
  // the plain form (no message, nothing typed) is the same for everyone but its token
  if (!o.error && !o.notice && !o.loginId) return renderPageOnce(JSON.stringify(['login', o.companyName]), page, o.csrf);
  return renderPage(page(o.csrf));
}

/**
 * The password change. At the forced first-login change HOME and マイページ lead back here, so
 * the menu offers only ログアウト (the employee may stop and come back later).
 */
export function changePasswordPage(o: { companyName: string; csrf: string; mustChange: boolean; name: string; error?: string }) {
  return renderPage(
    <PortalLayout title={p.changePasswordTitle} companyName={o.companyName}>
      {o.mustChange ? (
        <nav className="user-menu" aria-label={p.userMenu}>
          <span>{p.greeting(o.name)}</span>
          <form method="post" action="/logout"><Csrf token={o.csrf} /><button type="submit" className="link">{p.logout}</button></form>
        </nav>
      ) : <UserMenu name={o.name} csrf={o.csrf} />}
      <h1>{p.changePasswordTitle}</h1>
      {o.mustChange && <p className="notice">{p.mustChangeLead}</p>}
      <Alert text={o.error} />
      <form method="post" action="/password" className="form">
        <Csrf token={o.csrf} />
        <label htmlFor="currentPassword">{p.currentPassword}</label>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required maxLength={128} />
        <label htmlFor="newPassword">{p.newPassword}</label>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required minLength={8} maxLength={128} aria-describedby="newPasswordHelp" />
        <p id="newPasswordHelp" className="hint">{p.newPasswordHelp}</p>
        <label htmlFor="newPasswordConfirm">{p.newPasswordConfirm}</label>
        <input id="newPasswordConfirm" name="newPasswordConfirm" type="password" autoComplete="new-password" required minLength={8} maxLength={128} />
        <button type="submit">{p.changePasswordButton}</button>
      </form>
    </PortalLayout>,
  );
}
