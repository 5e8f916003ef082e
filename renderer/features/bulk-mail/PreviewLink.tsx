import { useState } from 'react';
import type { MailIssueView } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { LinkButton } from '../../ui/LinkButton';
import { MailPreviewDialog } from '../mail-issue/MailPreviewDialog';

type Mail = MailIssueView['preview']['verification'];

/** 「メールプレビュー」: the verification mail as the first ticked employee would receive it. */
export function PreviewLink({ employeeId }: { employeeId: number | null }) {
  const [mail, setMail] = useState<Mail | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function open() {
    if (employeeId === null) return;
    setError(null);
    try {
      setMail((await adminApi['mailIssue.get']({ id: employeeId })).preview.verification);
    } catch (e) {
      setError(describeError(e).message);
    }
  }

  return (
    <>
      <p className="mail-preview-row">
        <LinkButton disabled={employeeId === null} onClick={() => void open()}>{ja.bulkMail.preview}</LinkButton>
      </p>
      {error && <p role="alert" className="notice notice-error">{error}</p>}
      {mail && <MailPreviewDialog kindLabel={ja.mailIssue.kind.verification} mail={mail} onClose={() => setMail(null)} />}
    </>
  );
}
