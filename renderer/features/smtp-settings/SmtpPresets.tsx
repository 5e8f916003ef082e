import { useId } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { SMTP_PRESETS, type SmtpPreset } from './smtp-presets';

const t = ja.smtp;

/** 「かんたん設定」: one button per common provider. */
export function SmtpPresets({ onPick }: { onPick(preset: SmtpPreset): void }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">{t.presets}</h2>
      <div className="preset-buttons" role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-hint`}>
        {SMTP_PRESETS.map((p) => (
          <button key={p.key} type="button" className="button" onClick={() => onPick(p)}>{t.presetLabels[p.key]}</button>
        ))}
      </div>
      <p id={`${id}-hint`} className="field-hint">{t.presetsHint}</p>
    </section>
  );
}
