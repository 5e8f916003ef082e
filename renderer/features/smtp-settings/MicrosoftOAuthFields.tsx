import { useState } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { RadioGroup } from '../../ui/RadioGroup';
import { ConfiguredCredential } from './ConfiguredCredential';
import { FileField } from './FileField';
import type { SmtpFieldsProps } from './smtp-fields';

const t = ja.oauth;

/**
 * OAuth 2.0 with Microsoft 365: the app registration (tenant, application ID), its credential —
 * a client secret (with the expiry date Entra showed, for the warning) or a certificate — and the
 * mailbox the app sends as.
 */
export function MicrosoftOAuthFields({ view, values, set, text, pickFile, fieldError }: SmtpFieldsProps) {
  const [replacingSecret, setReplacingSecret] = useState(false);
  const [replacingCert, setReplacingCert] = useState(false);
  const stored = view.oauth;
  const cert = stored.certificate;
  return (
    <>
      {text('oauthUser', t.user, { inputMode: 'email', spellCheck: false, className: 'field-wide', hint: t.userHint })}
      <div className="smtp-account-grid">
        {text('tenantId', t.tenantId, { spellCheck: false })}
        {text('clientId', t.clientId, { spellCheck: false })}
      </div>
      <RadioGroup<'secret' | 'certificate'>
        legend={t.credential}
        value={values.msCredential}
        onChange={(v) => set('msCredential', v)}
        options={[{ value: 'secret', label: t.credentialLabels.secret }, { value: 'certificate', label: t.credentialLabels.certificate }]}
      />
      {values.msCredential === 'secret' ? (
        <div className="smtp-account-grid">
          <ConfiguredCredential
            label={t.clientSecret}
            configured={stored.secretSet ? t.configured : null}
            replacing={replacingSecret}
            onReplacing={(r) => {
              setReplacingSecret(r);
              if (!r) set('clientSecret', '');
            }}
          >
            {text('clientSecret', stored.secretSet ? t.secretInput : t.clientSecret, { type: 'password', autoComplete: 'new-password', spellCheck: false })}
          </ConfiguredCredential>
          {text('secretExpiresOn', t.secretExpiresOn, { type: 'date', hint: t.secretExpiresHint, className: 'field-date' })}
        </div>
      ) : (
        <ConfiguredCredential
          label={t.certificate}
          configured={cert ? t.certificateCurrent(cert.subject, cert.validTo) : null}
          replacing={replacingCert}
          onReplacing={(r) => {
            setReplacingCert(r);
            if (!r) for (const f of ['cert', 'key', 'pfx'] as const) pickFile(f, undefined);
          }}
        >
          <div className="credential-inputs">
            <p className="field-hint">{t.certificateHint}</p>
            <RadioGroup<'pem' | 'pfx'>
              legend={ja.tls.kind}
              value={values.certKind}
              onChange={(v) => set('certKind', v)}
              options={[{ value: 'pem', label: ja.tls.pem }, { value: 'pfx', label: ja.tls.pfx }]}
            />
            {values.certKind === 'pem' ? (
              <div className="smtp-account-grid">
                <FileField label={ja.tls.certFile} accept=".pem,.crt,.cer" onPick={(f) => pickFile('cert', f)} error={fieldError('certificate')} />
                <FileField label={ja.tls.keyFile} accept=".pem,.key" onPick={(f) => pickFile('key', f)} />
              </div>
            ) : (
              <div className="smtp-account-grid">
                <FileField label={ja.tls.pfxFile} accept=".pfx,.p12" onPick={(f) => pickFile('pfx', f)} error={fieldError('certificate')} />
                {text('pfxPassphrase', ja.tls.passphrase, { type: 'password', autoComplete: 'new-password' })}
              </div>
            )}
          </div>
        </ConfiguredCredential>
      )}
    </>
  );
}
