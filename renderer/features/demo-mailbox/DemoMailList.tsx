import type { DemoMail } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../../preload/i18n/format-date-time';
import { LinkButton } from '../../ui/LinkButton';

const d = ja.demoMailbox;

interface DemoMailListProps {
  mails: readonly DemoMail[];
  selectedId: number | null;
  onSelect(id: number): void;
}

/** The received mails, newest first; a subject opens the mail below. */
export function DemoMailList({ mails, selectedId, onSelect }: DemoMailListProps) {
  return (
    <div className="table-scroll demo-mail-scroll">
      <table className="employee-table demo-mail-table" aria-label={d.listLabel}>
        <thead>
          <tr>
            <th scope="col">{d.columns.receivedAt}</th>
            <th scope="col">{d.columns.to}</th>
            <th scope="col">{d.columns.subject}</th>
          </tr>
        </thead>
        <tbody>
          {mails.map((mail) => {
            const selected = mail.id === selectedId;
            return (
              <tr key={mail.id} className={selected ? 'row-selected' : undefined}>
                <td className="history-time">{formatDateTime(mail.receivedAt)}</td>
                <td>{mail.to}</td>
                <td>
                  <LinkButton aria-current={selected ? 'true' : undefined} onClick={() => onSelect(mail.id)}>
                    {mail.subject || d.noSubject}
                  </LinkButton>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
