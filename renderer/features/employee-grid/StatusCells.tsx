import type { EmployeeRow } from '../../../preload/contract';
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
  if (MAIL_LINKED.has(row.verification)) {
    return <LinkButton className={className} title={title} onClick={() => links.openMailIssue(row)}>{label}</LinkButton>;
  }
  return <span className={className} title={title}>{label}</span>;
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
