import type { MailKind } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { LinkButton } from '../../ui/LinkButton';

const m = ja.mailIssue;
const PREVIEW_KINDS: readonly MailKind[] = ['verification', 'account'];

/**
 * 「メールプレビュー：認証要求メール、アカウント通知メール」 — both mails the employee will receive,
 * on the individual and the bulk screen alike (as the source document's screens show).
 */
export function MailPreviewLinks({ onPreview, disabled = false }: { onPreview(kind: MailKind): void; disabled?: boolean }) {
  return (
    <p className="mail-preview-row">
      <span>{m.previewLabel}</span>
      {PREVIEW_KINDS.map((kind, i) => (
        <span key={kind}>
          {i > 0 && <span aria-hidden="true">{m.previewSeparator}</span>}
          <LinkButton disabled={disabled} onClick={() => onPreview(kind)}>{m.kind[kind]}</LinkButton>
        </span>
      ))}
    </p>
  );
}
