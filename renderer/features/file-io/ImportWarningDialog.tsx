import { ja } from '../../../preload/i18n/ja';
import { Dialog } from '../../ui/Dialog';

const d = ja.duplicateDialog;

interface ImportWarningDialogProps {
  warnings: readonly string[];
  onAccept(): void;
  onCancel(): void;
}

/** 「メールアドレス重複の警告」 before 取り込む: warnings, not errors — 「OK」 imports anyway (SPEC §11). */
export function ImportWarningDialog({ warnings, onAccept, onCancel }: ImportWarningDialogProps) {
  return (
    <Dialog
      title={d.title}
      onCancel={onCancel}
      className="dialog-warning dialog-wide"
      actions={(
        <>
          <button type="button" className="button button-primary" onClick={onAccept}>{d.ok}</button>
          <button type="button" className="button" onClick={onCancel} data-autofocus>{d.cancel}</button>
        </>
      )}
    >
      <p>{d.lead}</p>
      <ul className="dialog-list import-warning-list">
        {warnings.map((w) => <li key={w}>{w}</li>)}
      </ul>
      <p className="dialog-note">{ja.fileIo.warningNote}</p>
    </Dialog>
  );
}
