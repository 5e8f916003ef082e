import type { ReactNode } from 'react';
import { ja } from '../../../preload/i18n/ja';

interface ConfiguredCredentialProps {
  label: string;
  /** what is stored, as the screen may show it (「設定済み（…）」); null: nothing stored yet */
  configured: string | null;
  replacing: boolean;
  onReplacing(replacing: boolean): void;
  /** the inputs for a new credential */
  children: ReactNode;
}

/**
 * A stored secret is never shown: only 「設定済み」 and a 「変更」 button that opens the inputs for a
 * new one (「変更しない」 closes them again, keeping what is stored).
 */
export function ConfiguredCredential({ label, configured, replacing, onReplacing, children }: ConfiguredCredentialProps) {
  const t = ja.oauth;
  if (configured === null) return <>{children}</>;
  return (
    <div className="credential-block">
      <div className="credential-current">
        <span className="field-label">{label}</span>
        <span className="credential-status">{configured}</span>
        <button type="button" className="button button-small" onClick={() => onReplacing(!replacing)} aria-expanded={replacing}>
          {replacing ? t.keep : t.replace}
        </button>
      </div>
      {replacing && children}
    </div>
  );
}
