import { ja } from '../../../preload/i18n/ja';
import { Dialog } from '../../ui/Dialog';

const m = ja.mailIssue;

interface MailPreviewDialogProps {
  /** 「認証要求メール」 or 「アカウント通知メール」 */
  kindLabel: string;
  mail: { subject: string; text: string };
  onClose(): void;
}

/** The mail as this employee would receive it: fixed text, read-only (SPEC §8). */
export function MailPreviewDialog({ kindLabel, mail, onClose }: MailPreviewDialogProps) {
  return (
    <Dialog
      title={m.previewTitle(kindLabel)}
      onCancel={onClose}
      className="dialog-wide"
      actions={<button type="button" className="button" onClick={onClose}>{m.close}</button>}
    >
      <p className="dialog-note">{m.previewNote}</p>
      <dl className="mail-preview">
        <dt>{m.previewSubject}</dt>
        <dd className="mail-preview-subject">{mail.subject}</dd>
      </dl>
      <div className="mail-text">{mail.text}</div>
    </Dialog>
  );
}
