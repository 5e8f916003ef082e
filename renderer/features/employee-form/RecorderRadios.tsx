import { ja } from '../../../preload/i18n/ja';
import { FieldError } from '../../ui/FieldError';

const f = ja.employeeForm;

/** タイムレコーダー 有効 / 無効 */
export function RecorderRadios({ enabled, onChange, error }: { enabled: boolean; onChange(enabled: boolean): void; error?: string }) {
  return (
    <fieldset className="field radio-group" aria-describedby={error ? 'recorder-error' : undefined}>
      <legend className="field-label">{f.recorder}</legend>
      <label className="radio-label">
        <input type="radio" name="recorderEnabled" checked={enabled} onChange={() => onChange(true)} />
        {f.recorderEnabled}
      </label>
      <label className="radio-label">
        <input type="radio" name="recorderEnabled" checked={!enabled} onChange={() => onChange(false)} />
        {f.recorderDisabled}
      </label>
      <FieldError id="recorder-error" message={error} />
    </fieldset>
  );
}
