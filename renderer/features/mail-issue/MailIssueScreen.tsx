import { useState } from 'react';
import type { MailIssueView, MailKind } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { useNavigationStore } from '../../stores/navigation-store';
import { Tabs } from '../../ui/Tabs';
import { employeeName } from '../employee-grid/employee-name';
import { AccountMailConfirmDialog } from './AccountMailConfirmDialog';
import { CancelVerificationDialog } from './CancelVerificationDialog';
import { issueStatusLabel } from './issue-status';
import { MailHistoryTable } from './MailHistoryTable';
import { MailNotifyPanel } from './MailNotifyPanel';
import { MailPreviewDialog } from './MailPreviewDialog';
import { LoopbackWarning } from '../portal-reach/LoopbackWarning';
import { useMailIssue, type MailIssueOutcome } from './use-mail-issue';

const m = ja.mailIssue;
const p = ja.pdfIssue;

type TabKey = 'notify' | 'history';

/** 「パスワード発行」 by mail verification for one employee (SPEC §6), and its reissue (SPEC §7). */
export function MailIssueScreen({ employeeId }: { employeeId: number }) {
  const goTo = useNavigationStore((s) => s.goTo);
  const { load, outcome, sending, send, sendAccountMail, cancel } = useMailIssue(employeeId);
  const back = () => goTo({ name: 'employees' });
  const titleId = 'mail-issue-title';

  return (
    <section className="screen mail-issue-screen" aria-labelledby={titleId}>
      <div className="screen-header">
        <h1 id={titleId} className="screen-title">{p.title.password}</h1>
      </div>
      {load.status === 'loading' && <p className="app-loading-inline">{ja.app.loading}</p>}
      {load.status === 'failed' && (
        <>
          <p role="alert" className="notice notice-error">{load.message}</p>
          <button type="button" className="button" onClick={back}>{p.back}</button>
        </>
      )}
      {load.status === 'loaded' && (
        <MailIssueBody
          view={load.view}
          sending={sending}
          outcome={outcome}
          onSend={(slot, address) => void send(slot, address)}
          onSendAccountMail={(slot, address) => void sendAccountMail(slot, address)}
          onCancel={cancel}
          onBack={back}
        />
      )}
    </section>
  );
}

interface MailIssueBodyProps {
  view: MailIssueView;
  sending: boolean;
  outcome: MailIssueOutcome;
  onSend(slot: 1 | 2 | 3, address: string): void;
  onSendAccountMail(slot: 1 | 2 | 3, address: string): void;
  onCancel(): Promise<void>;
  onBack(): void;
}

function MailIssueBody({ view, sending, outcome, onSend, onSendAccountMail, onCancel, onBack }: MailIssueBodyProps) {
  const goTo = useNavigationStore((s) => s.goTo);
  const [tab, setTab] = useState<TabKey>('notify');
  const [preview, setPreview] = useState<MailKind | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [accountMailTo, setAccountMailTo] = useState<{ slot: 1 | 2 | 3; address: string } | null>(null);
  const { employee, reissue } = view;

  return (
    <div className="issue-panel">
      <p className="issue-lead">{(reissue ? p.reissueLead : p.lead).password(employee.loginId, employeeName(employee))}</p>
      <p className="issue-status">{p.issueStatus(issueStatusLabel(employee))}</p>
      <LoopbackWarning medium="mail" />
      <Tabs<TabKey>
        label={m.tabsLabel}
        selected={tab}
        onSelect={setTab}
        tabs={[
          {
            key: 'notify',
            label: m.tabNotify,
            panel: (
              <MailNotifyPanel
                view={view}
                sending={sending}
                outcome={outcome}
                onSend={onSend}
                onSendAccountMail={(slot, address) => setAccountMailTo({ slot, address })}
                onPreview={setPreview}
                onCancelRequest={() => setCancelling(true)}
                onOpenPdf={() => goTo({ name: 'pdfIssue', kind: 'password', employeeId: employee.id, reissue })}
                onOpenEmployee={() => goTo({ name: 'employeeEdit', employeeId: employee.id })}
              />
            ),
          },
          { key: 'history', label: m.tabHistory, panel: <MailHistoryTable history={view.history} /> },
        ]}
      />
      <div className="form-actions">
        <button type="button" className="button" onClick={onBack}>{p.back}</button>
      </div>
      {preview && <MailPreviewDialog kindLabel={m.kind[preview]} mail={view.preview[preview]} onClose={() => setPreview(null)} />}
      {cancelling && <CancelVerificationDialog onConfirm={onCancel} onClose={() => setCancelling(false)} />}
      {accountMailTo && (
        <AccountMailConfirmDialog
          address={accountMailTo.address}
          onConfirm={() => {
            setAccountMailTo(null);
            onSendAccountMail(accountMailTo.slot, accountMailTo.address);
          }}
          onCancel={() => setAccountMailTo(null)}
        />
      )}
    </div>
  );
}
