import { useState } from 'react';
import type { MailIssueView, MailKind } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { MailPreviewDialog } from '../mail-issue/MailPreviewDialog';
import { MailPreviewLinks } from '../mail-issue/MailPreviewLinks';

type Mail = MailIssueView['preview'][MailKind];

/** 「メールプレビュー」: both mails as the first ticked employee would receive them. */
export function PreviewLink({ employeeId }: { employeeId: number | null }) {
  const [shown, setShown] = useState<{ kind: MailKind; mail: Mail } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function open(kind: MailKind) {
    if (employeeId === null) return;
    setError(null);
    try {
      setShown({ kind, mail: (await adminApi['mailIssue.get']({ id: employeeId })).preview[kind] });
    } catch (e) {
      setError(describeError(e).message);
    }
  }

  return (
    <>
      <MailPreviewLinks disabled={employeeId === null} onPreview={(kind) => void open(kind)} />
      {error && <p role="alert" className="notice notice-error">{error}</p>}
      {shown && <MailPreviewDialog kindLabel={ja.mailIssue.kind[shown.kind]} mail={shown.mail} onClose={() => setShown(null)} />}
    </>
  );
}
