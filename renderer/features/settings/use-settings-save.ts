import { useState } from 'react';
import type { Settings } from '../../../preload/contract';
import { describeError, type ErrorDetails } from '../../api/describe-error';

/** What the screen gives each section: the values, and whether it shows 「設定を保存しました。」. */
export interface SettingsFormProps {
  settings: Settings;
  onSaved(settings: Settings): void;
  saved: boolean;
}

export interface SettingsSave {
  busy: boolean;
  error: ErrorDetails | null;
  fieldError(key: string): string | undefined;
  run(call: () => Promise<Settings>): Promise<void>;
}

/** One section's save: busy while sending, then the server's errors or the new settings. */
export function useSettingsSave(onSaved: (settings: Settings) => void): SettingsSave {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);

  async function run(call: () => Promise<Settings>) {
    setBusy(true);
    setError(null);
    try {
      onSaved(await call());
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, fieldError: (key) => error?.fieldErrors[key], run };
}
