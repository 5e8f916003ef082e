import { useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { adminApi } from '../../api/session-guard';
import { bytesToBase64 } from '../../ui/base64';
import { RadioGroup } from '../../ui/RadioGroup';
import { TextField } from '../../ui/TextField';
import { SaveFeedback } from './SaveFeedback';
import { useSettingsSave, type SettingsFormProps } from './use-settings-save';

const t = ja.tls;

/**
 * 「HTTPS（証明書）」: the administrator's certificate for the LAN pages, and a warning that
 * stays visible while the portal runs on plain HTTP (passwords cross the LAN). A certificate
 * that can no longer be loaded is named here with the way out (set a new one, or remove it).
 */
export function PortalCertificateForm({ settings, onSaved, saved }: SettingsFormProps) {
  const [kind, setKind] = useState<'pem' | 'pfx'>('pem');
  const [files, setFiles] = useState<{ cert?: File; key?: File; pfx?: File }>({});
  const [passphrase, setPassphrase] = useState('');
  const save = useSettingsSave(onSaved);
  const plainHttp = settings.portalRunningUrl?.startsWith('http://') ?? false;
  const current = settings.portalTls;
  const portalDown = settings.portalRunningUrl === null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    await save.run(async () => {
      if (kind === 'pem') {
        return adminApi['settings.setPortalCertificate']({
          kind: 'pem', certPem: (await files.cert?.text()) ?? '', keyPem: (await files.key?.text()) ?? '',
        });
      }
      const pfx = files.pfx ? bytesToBase64(new Uint8Array(await files.pfx.arrayBuffer())) : '';
      return adminApi['settings.setPortalCertificate']({ kind: 'pfx', pfxBase64: pfx, passphrase });
    });
  }

  const file = (label: string, pick: (f: File | undefined) => void, accept: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input type="file" accept={accept} onChange={(e) => pick(e.target.files?.[0])} />
    </label>
  );

  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate>
      <section className="settings-section" aria-labelledby="tls-section-title">
        <h2 id="tls-section-title" className="section-title">{t.title}</h2>
        {plainHttp && <p role="alert" className="notice notice-warning">{t.plainHttpWarning}</p>}
        {current.problem && (
          <div role="alert" className="notice notice-error tls-problem">
            <p>{t.problem[current.problem]}{portalDown ? t.portalStopped : ''}</p>
            <p>{t.wayOut}</p>
          </div>
        )}
        <p>{current.mode === 'none' ? t.none : t.current(current.mode.toUpperCase(), current.subject, current.validTo)}</p>
        <RadioGroup<'pem' | 'pfx'>
          legend={t.kind}
          value={kind}
          onChange={setKind}
          options={[{ value: 'pem', label: t.pem }, { value: 'pfx', label: t.pfx }]}
        />
        {kind === 'pem' ? (
          <>
            {file(t.certFile, (f) => setFiles((x) => ({ ...x, cert: f })), '.pem,.crt,.cer')}
            {file(t.keyFile, (f) => setFiles((x) => ({ ...x, key: f })), '.pem,.key')}
          </>
        ) : (
          <>
            {file(t.pfxFile, (f) => setFiles((x) => ({ ...x, pfx: f })), '.pfx,.p12')}
            <TextField label={t.passphrase} type="password" value={passphrase} onChange={setPassphrase} autoComplete="off" />
          </>
        )}
        <p className="field-hint">{portalDown ? t.startsNow : t.nextStart}</p>
      </section>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.busy}>{t.save}</button>
        {current.mode !== 'none' && (
          <button type="button" className="button" disabled={save.busy} onClick={() => void save.run(() => adminApi['settings.removePortalCertificate'](undefined))}>
            {t.remove}
          </button>
        )}
      </div>
      <SaveFeedback save={save} saved={saved} />
    </form>
  );
}
