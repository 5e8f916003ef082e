import { useId, useState, type FormEvent } from 'react';
import type { SmtpSettingsView } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError, type ErrorDetails } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { TextField } from '../../ui/TextField';

const t = ja.smtp;

type TestOutcome = { tone: 'success'; text: string } | { tone: 'error'; error: ErrorDetails } | null;

/**
 * 「テスト送信」 through the saved settings; a refusal shows the SMTP server's own answer, or with
 * OAuth 2.0 the step that failed (the token or the SMTP server) and what to do.
 */
export function SmtpTestForm({ authMethod }: { authMethod: SmtpSettingsView['authMethod'] }) {
  const id = useId();
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<TestOutcome>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setOutcome(null);
    const address = to.trim();
    try {
      await adminApi['smtp.test']({ to: address });
      setOutcome({ tone: 'success', text: authMethod === 'password' ? t.testSent(address) : ja.oauth.testSent(address) });
    } catch (err) {
      setOutcome({ tone: 'error', error: describeError(err) });
    } finally {
      setBusy(false);
    }
  }

  const error = outcome?.tone === 'error' ? outcome.error : null;
  const fieldMessage = error?.fieldErrors.to;

  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate>
      <section className="settings-section" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="section-title">{t.testSection}</h2>
        <p className="field-hint">{t.testHint}</p>
        <div className="smtp-test-row">
          <TextField label={t.testTo} value={to} onChange={setTo} error={fieldMessage} announceError inputMode="email" autoComplete="off" spellCheck={false} className="field-wide" />
          <button type="submit" className="button" disabled={busy}>{t.test}</button>
        </div>
      </section>
      {outcome?.tone === 'success' && <p role="status" className="notice notice-success">{outcome.text}</p>}
      {error && !fieldMessage && <p role="alert" className="notice notice-error smtp-test-error">{error.message}</p>}
    </form>
  );
}
