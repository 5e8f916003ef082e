import { useState } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { ConfiguredCredential } from './ConfiguredCredential';
import { FileField } from './FileField';
import type { SmtpFieldsProps } from './smtp-fields';

const t = ja.oauth;

/** OAuth 2.0 with Google Workspace: the service account's key file and the user it acts as (domain-wide delegation). */
export function GoogleOAuthFields({ view, text, pickFile, fieldError }: SmtpFieldsProps) {
  const [replacing, setReplacing] = useState(false);
  const account = view.oauth.serviceAccount;
  return (
    <>
      {text('oauthUser', t.user, { inputMode: 'email', spellCheck: false, className: 'field-wide', hint: t.userHint })}
      <ConfiguredCredential
        label={t.serviceAccountKey}
        configured={account ? t.keyCurrent(account.clientEmail, account.clientId) : null}
        replacing={replacing}
        onReplacing={(r) => {
          setReplacing(r);
          if (!r) pickFile('serviceAccountKey', undefined);
        }}
      >
        <div className="credential-inputs">
          <FileField label={t.serviceAccountKey} accept=".json,application/json" onPick={(f) => pickFile('serviceAccountKey', f)} error={fieldError('serviceAccountKey')} />
          <p className="field-hint">{t.serviceAccountHint}</p>
        </div>
      </ConfiguredCredential>
    </>
  );
}
