import type { DuplicateAddressWarning } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { Dialog } from '../../ui/Dialog';

const d = ja.duplicateDialog;

function describeWarning(w: DuplicateAddressWarning): string {
  return w.otherEmployee ? d.otherEmployee(w.address, w.otherEmployee.name) : d.sameEmployee(w.address);
}

interface DuplicateWarningDialogProps {
  warnings: readonly DuplicateAddressWarning[];
  onAccept(): void;
  onCancel(): void;
}

/** 「メールアドレス重複の警告」: a warning, not an error — 「OK」 saves anyway (SPEC §10). */
export function DuplicateWarningDialog({ warnings, onAccept, onCancel }: DuplicateWarningDialogProps) {
  return (
    <Dialog
      title={d.title}
      onCancel={onCancel}
      className="dialog-warning"
      actions={(
        <>
          <button type="button" className="button button-primary" onClick={onAccept}>{d.ok}</button>
          <button type="button" className="button" onClick={onCancel}>{d.cancel}</button>
        </>
      )}
    >
      <p>{d.lead}</p>
      <ul className="dialog-list">
        {warnings.map((w) => <li key={`${w.address}/${w.otherEmployee?.id ?? 'self'}`}>{describeWarning(w)}</li>)}
      </ul>
    </Dialog>
  );
}
