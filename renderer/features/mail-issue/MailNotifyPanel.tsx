import { useId, useState } from 'react';
import type { MailIssueView, MailKind } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { LinkButton } from '../../ui/LinkButton';
import { AddressPicker, type AddressSlot } from './AddressPicker';
import { IssueSteps } from './IssueSteps';
import { MailPreviewLinks } from './MailPreviewLinks';
import { currentStep } from './issue-status';
import type { MailIssueOutcome } from './use-mail-issue';

const m = ja.mailIssue;

interface MailNotifyPanelProps {
  view: MailIssueView;
  sending: boolean;
  outcome: MailIssueOutcome;
  onSend(slot: AddressSlot, address: string): void;
  /** 「アカウント通知メール送信」, offered when view.canSendAccountMail (asks first) */
  onSendAccountMail(slot: AddressSlot, address: string): void;
  onPreview(kind: MailKind): void;
  onCancelRequest(): void;
  onOpenPdf(): void;
  onOpenEmployee(): void;
}

/**
 * The 「メール通知」 tab: steps, the address, 「認証要求メール送信」 (and on a reissue
 * 「アカウント通知メール送信」), previews and the way to PDF.
 */
export function MailNotifyPanel({
  view, sending, outcome, onSend, onSendAccountMail, onPreview, onCancelRequest, onOpenPdf, onOpenEmployee,
}: MailNotifyPanelProps) {
  const noteId = useId();
  const accountNoteId = useId();
  const [slot, setSlot] = useState<AddressSlot | null>(null);
  // The choice survives refreshes while that address exists; else メールアドレス1 (or the first there is).
  const selected = view.addresses.find((a) => a.slot === slot) ?? view.addresses[0];

  return (
    <div className="mail-notify">
      <p className="mail-intro">{m.intro}</p>
      <IssueSteps current={currentStep(view.employee)} />
      {selected ? (
        <AddressPicker addresses={view.addresses} slot={selected.slot} onChange={setSlot} disabled={sending} />
      ) : (
        <div className="notice notice-warning mail-no-address">
          <p>{m.noAddress}</p>
          <LinkButton onClick={onOpenEmployee}>{m.openEmployee}</LinkButton>
        </div>
      )}
      <div className="mail-action-row">
        <button
          type="button"
          className="button button-primary"
          disabled={!selected || sending}
          aria-describedby={noteId}
          onClick={() => selected && onSend(selected.slot, selected.address)}
        >
          {m.send}
        </button>
        <span id={noteId} className="mail-action-note">{m.sendNote}</span>
      </div>
      {view.canSendAccountMail && (
        <div className="mail-action-row">
          <button
            type="button"
            className="button button-primary"
            disabled={!selected || sending}
            aria-describedby={accountNoteId}
            onClick={() => selected && onSendAccountMail(selected.slot, selected.address)}
          >
            {m.sendAccount}
          </button>
          <span id={accountNoteId} className="mail-action-note">{m.sendAccountNote}</span>
        </div>
      )}
      {sending && <p className="mail-sending" role="status">{m.sending}</p>}
      {!sending && outcome?.tone === 'success' && <p role="status" className="notice notice-success">{outcome.text}</p>}
      {!sending && outcome?.tone === 'error' && <p role="alert" className="notice notice-error">{outcome.text}</p>}
      <MailPreviewLinks onPreview={onPreview} />
      <p className="mail-pdf-row">
        {m.pdfLead}
        <LinkButton onClick={onOpenPdf}>{m.pdfLink}</LinkButton>
      </p>
      {view.canCancel && (
        <div className="mail-cancel-row">
          <button type="button" className="button button-danger" onClick={onCancelRequest} disabled={sending}>{m.cancel}</button>
        </div>
      )}
    </div>
  );
}
