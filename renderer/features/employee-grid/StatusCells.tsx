import type { EmployeeRow, MailBounce } from '../../../preload/contract';
import type { NotifyMethod, VerificationStatus } from '../../../preload/domain-types';
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../../preload/i18n/format-date-time';
import { LinkButton } from '../../ui/LinkButton';
import type { RowLinks } from './row-links';

const st = ja.status;

/** Sending again is allowed until the first login (SPEC §3). */
const MAIL_LINKED: ReadonlySet<VerificationStatus> = new Set(['none', 'waiting', 'expired', 'verified']);

export function PasswordCell({ row, notifyMethod, links }: { row: EmployeeRow; notifyMethod: NotifyMethod; links: RowLinks }) {
  const label = st.password[row.password];
  if (notifyMethod === 'pdf' && row.password === 'unissued') {
    return <LinkButton onClick={() => links.openPasswordIssue(row)}>{label}</LinkButton>;
  }
  return <span className={`status status-password-${row.password}`}>{label}</span>;
}

/** When the verification mail went out and until when its link works, for hovering. */
function sentTooltip(row: EmployeeRow): string | undefined {
  if (row.verificationSentAt === null || row.verificationExpiresAt === null) return undefined;
  return ja.grid.waitingTooltip(formatDateTime(row.verificationSentAt), formatDateTime(row.verificationExpiresAt));
}

export function VerificationCell({ row, links }: { row: EmployeeRow; links: RowLinks }) {
  const label = st.verification[row.verification];
  const title = row.verification === 'waiting' || row.verification === 'expired' ? sentTooltip(row) : undefined;
  const className = `status status-verification-${row.verification}`;
  const mark = row.mailBounce ? <BounceMark bounce={row.mailBounce} /> : null;
  if (MAIL_LINKED.has(row.verification)) {
    return <>{<LinkButton className={className} title={title} onClick={() => links.openMailIssue(row)}>{label}</LinkButton>}{mark}</>;
  }
  return <><span className={className} title={title}>{label}</span>{mark}</>;
}

/** The reason in a few words: by the report's status code (RFC 3463), else the server's own. */
export function bounceReason(b: MailBounce): string {
  const detail = b.status.split('.').slice(1).join('.');
  return ja.bounce.reasons[detail] ?? b.diagnostic.slice(0, 80);
}

/** 「送信エラー: user unknown (5.1.1) 2026/12/01 10:02」 */
export function bounceTooltip(b: MailBounce): string {
  return ja.bounce.tooltip(b.kind === 'failed' ? ja.bounce.failed : ja.bounce.delayed, bounceReason(b), b.status, formatDateTime(b.at).slice(0, 16));
}

/** A red 「!」 badge next to 認証状態 while the employee's latest mail came back (a delay notice: a quieter amber one). */
function BounceMark({ bounce }: { bounce: MailBounce }) {
  const failed = bounce.kind === 'failed';
  const tooltip = bounceTooltip(bounce);
  return (
    <span className={failed ? 'mail-bounce-mark' : 'mail-delay-mark'} title={tooltip} role="img" aria-label={tooltip}>
      {failed ? '!' : '…'}
    </span>
  );
}

export function PasscodeCell({ row, links }: { row: EmployeeRow; links: RowLinks }) {
  const label = st.passcode[row.passcode];
  if (row.passcode === 'unissued') return <LinkButton onClick={() => links.openPasscodeIssue(row)}>{label}</LinkButton>;
  return <span className="status status-passcode-issued">{label}</span>;
}

export function RecorderCell({ row }: { row: Pick<EmployeeRow, 'recorderEnabled'> }) {
  return (
    <span className={row.recorderEnabled ? 'status status-recorder-on' : 'status status-recorder-off'}>
      {row.recorderEnabled ? st.recorder.true : st.recorder.false}
    </span>
  );
}
