import { useState, type FormEvent } from 'react';
import type { InitialPasswordResult } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError, type ErrorDetails } from '../../api/describe-error';
import { RadioGroup, type RadioOption } from '../../ui/RadioGroup';
import { TextField } from '../../ui/TextField';

const t = ja.administrators;
export type Delivery = 'screen' | 'pdf';
export const DELIVERY_OPTIONS: readonly RadioOption<Delivery>[] = [{ value: 'screen', label: t.deliveryScreen }, { value: 'pdf', label: t.deliveryPdf }];

interface AddAdministratorFormProps {
  onCreate(input: { loginId: string; name: string; delivery: Delivery }): Promise<InitialPasswordResult>;
  onCreated(result: InitialPasswordResult): void;
}

/** 「管理者を追加」: ログインID, 氏名, and how the initial password is handed over. */
export function AddAdministratorForm({ onCreate, onCreated }: AddAdministratorFormProps) {
  const [loginId, setLoginId] = useState('');
  const [name, setName] = useState('');
  const [delivery, setDelivery] = useState<Delivery>('screen');
  const [error, setError] = useState<ErrorDetails | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await onCreate({ loginId, name, delivery });
      setLoginId('');
      setName('');
      onCreated(r);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (key: string) => error?.fieldErrors[key];
  const generalError = error && Object.keys(error.fieldErrors).length === 0 ? error.message : null;
  return (
    <form className="settings-form add-administrator-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-administrator-title">
      <h2 id="add-administrator-title" className="section-title">{t.addTitle}</h2>
      {generalError && <p role="alert" className="notice notice-error">{generalError}</p>}
      <TextField label={t.loginId} value={loginId} onChange={setLoginId} error={fieldError('loginId')} announceError isRequired autoComplete="off" />
      <TextField label={t.name} value={name} onChange={setName} error={fieldError('name')} announceError isRequired autoComplete="off" />
      <RadioGroup legend={t.delivery} options={DELIVERY_OPTIONS} value={delivery} onChange={(v: Delivery) => setDelivery(v)} />
      <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy || undefined}>{t.add}</button>
    </form>
  );
}
