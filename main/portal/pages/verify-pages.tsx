import { ja } from '../../../preload/i18n/ja';
import { PortalLayout, pageBytesOnce, renderPage } from './layout';

const p = ja.portal;

/** 「Focus U」, the company and 「{氏名} さん」: the top of the confirmation and of its results (seed 5.8, 5.9). */
function Greeting({ companyName, name }: { companyName: string; name: string }) {
  return (
    <>
      <h1 className="brand-title">Focus U</h1>
      <p className="company-line">{companyName}</p>
      <p className="name-line">{p.greeting(name)}</p>
    </>
  );
}

/** GET of the mail's link: shows the button; only its POST verifies. */
export function verifyConfirmPage(o: { companyName: string; name: string; csrf: string; action: string }) {
  return renderPage(
    <PortalLayout title={p.verifyButton} companyName={o.companyName}>
      <Greeting companyName={o.companyName} name={o.name} />
      <p>{p.verifyLead}</p>
      <form method="post" action={o.action}>
        <input type="hidden" name="_csrf" value={o.csrf} />
        <button type="submit">{p.verifyButton}</button>
      </form>
    </PortalLayout>,
  );
}

/**
 * A link's outcome or state. `name`: the employee the link was for (shown on the pages of a
 * verification, never on those of a dead link); `loginLink`: a way on to the portal's login.
 * A dead link's page (no name) is the same for everyone: rendered and encoded once (pageBytesOnce).
 */
export function verifyResultPage(o: {
  companyName: string; title: string; lines: readonly string[]; tone: 'success' | 'info' | 'error'; name?: string; loginLink?: boolean;
}): string | Buffer {
  const page = () => (
    <PortalLayout title={o.title} companyName={o.companyName}>
      {o.name === undefined ? <h1 className="brand-title">Focus U</h1> : <Greeting companyName={o.companyName} name={o.name} />}
      <h2 className={`result-${o.tone}`}>{o.title}</h2>
      {o.lines.map((l) => <p key={l}>{l}</p>)}
      {o.loginLink && <p><a href="/login">{p.toLogin}</a></p>}
    </PortalLayout>
  );
  if (o.name !== undefined) return renderPage(page());
  return pageBytesOnce(JSON.stringify(['verifyResult', o.companyName, o.title, o.lines, o.tone, o.loginLink === true]), page);
}
