import { ja } from '../../../preload/i18n/ja';
import { PortalLayout, renderPage, renderPageOnce } from './layout';

const p = ja.portal;

/** GET of the mail's link: shows the button; only its POST verifies. */
export function verifyConfirmPage(o: { companyName: string; name: string; csrf: string; action: string }) {
  return renderPage(
    <PortalLayout title={p.verifyButton} companyName={o.companyName}>
      <h1 className="brand-title">Focus U</h1>
      <p className="company-line">{o.companyName}</p>
      <p className="name-line">{p.greeting(o.name)}</p>
      <p>{p.verifyLead}</p>
      <form method="post" action={o.action}>
        <input type="hidden" name="_csrf" value={o.csrf} />
        <button type="submit">{p.verifyButton}</button>
      </form>
    </PortalLayout>,
  );
}

export function verifyResultPage(o: { companyName: string; title: string; lines: readonly string[]; tone: 'success' | 'error' }) {
  return renderPageOnce(JSON.stringify(['verifyResult', o.companyName, o.title, o.lines, o.tone]), () => (
    <PortalLayout title={o.title} companyName={o.companyName}>
      <h1 className="brand-title">Focus U</h1>
      <h2 className={o.tone === 'success' ? 'result-success' : 'result-error'}>{o.title}</h2>
      {o.lines.map((l) => <p key={l}>{l}</p>)}
    </PortalLayout>
  ));
}
