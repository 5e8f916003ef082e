import { useId } from 'react';
import type { DemoMail } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../../preload/i18n/format-date-time';
import { LinkifiedText } from './LinkifiedText';

const d = ja.demoMailbox;

/** One received mail: subject, recipient, time, and the text with its links. */
export function DemoMailView({ mail }: { mail: DemoMail }) {
  const id = useId();
  return (
    <article className="demo-mail" aria-labelledby={id}>
      <h2 id={id} className="demo-mail-subject">{mail.subject || d.noSubject}</h2>
      <dl className="demo-mail-meta">
        <div><dt>{d.columns.to}</dt><dd>{mail.to}</dd></div>
        <div><dt>{d.columns.receivedAt}</dt><dd>{formatDateTime(mail.receivedAt)}</dd></div>
      </dl>
      <LinkifiedText text={mail.text} className="mail-text" />
    </article>
  );
}
