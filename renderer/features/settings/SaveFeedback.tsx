import { ja } from '../../../preload/i18n/ja';
import type { SettingsSave } from './use-settings-save';

/**
 * Under a section's button: 「設定を保存しました。」 when this section was the last one saved
 * (one status on the screen at a time), or a refusal that names no field — field errors
 * sit by their fields.
 */
export function SaveFeedback({ save, saved }: { save: SettingsSave; saved: boolean }) {
  const unplaced = save.error && Object.keys(save.error.fieldErrors).length === 0 ? save.error.message : null;
  return (
    <>
      {saved && !save.error && <p role="status" className="save-status">{ja.settings.saved}</p>}
      {unplaced && <p role="alert" className="notice notice-error">{unplaced}</p>}
    </>
  );
}
