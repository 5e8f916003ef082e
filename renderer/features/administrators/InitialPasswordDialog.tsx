import type { InitialPasswordResult } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { Dialog } from '../../ui/Dialog';

const t = ja.administrators;

/**
 * The initial password, shown this once (it is never stored in the clear and never shown again),
 * or — when a notice PDF was issued — where the notice went.
 */
export function InitialPasswordDialog({ result, onClose }: { result: InitialPasswordResult; onClose(): void }) {
  return (
    <Dialog
      title={t.initialPasswordTitle}
      onCancel={onClose}
      actions={<button type="button" className="button button-primary" data-autofocus onClick={onClose}>{t.ok}</button>}
    >
      {result.initialPassword !== null ? (
        <>
          <p>{t.initialPasswordLead(result.subject.name, result.subject.loginId)}</p>
          <p className="initial-password" aria-label={t.initialPasswordTitle}><code>{result.initialPassword}</code></p>
          <p className="notice notice-info">{t.initialPasswordOnce}</p>
        </>
      ) : (
        <p role="status">{t.initialPasswordPdf(result.pdf?.fileName ?? '')}</p>
      )}
    </Dialog>
  );
}
