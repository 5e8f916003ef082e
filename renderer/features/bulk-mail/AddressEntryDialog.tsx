import { useId, useState, type FormEvent } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { adminApi } from '../../api/session-guard';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/TextField';
import { DuplicateWarningDialog } from '../employee-form/DuplicateWarningDialog';
import { useDuplicateCheckedSave } from '../employee-form/use-duplicate-checked-save';

const b = ja.bulkMail;

interface AddressEntryDialogProps {
  employee: { employeeId: number; name: string };
  onSaved(): void;
  onCancel(): void;
}

/**
 * The pencil of a 「未設定」 row: type an address, saved as メールアドレス1. An address
 * another employee already has brings the employee form's duplicate warning; 「OK」 saves anyway.
 */
export function AddressEntryDialog({ employee, onSaved, onCancel }: AddressEntryDialogProps) {
  const formId = useId();
  const [value, setValue] = useState('');
  const saving = useDuplicateCheckedSave(
    (acceptDuplicateWarnings) => adminApi['employees.setFirstAddress']({ id: employee.employeeId, email1: value, acceptDuplicateWarnings }),
    onSaved,
  );
  const { busy, error, warnings } = saving;

  function submit(e: FormEvent) {
    e.preventDefault();
    saving.save();
  }

  if (warnings) return <DuplicateWarningDialog warnings={warnings} onAccept={saving.accept} onCancel={saving.dismiss} />;
  const fieldError = error ? (error.fieldErrors.email1 ?? error.message) : undefined;
  return (
    <Dialog
      title={b.addressDialogTitle}
      onCancel={onCancel}
      actions={(
        <>
          <button type="submit" form={formId} className="button button-primary" disabled={busy}>{b.addressDialogSave}</button>
          <button type="button" className="button" onClick={onCancel}>{b.addressDialogCancel}</button>
        </>
      )}
    >
      <form id={formId} className="address-entry" onSubmit={submit} noValidate>
        <p>{b.addressDialogLead(employee.name)}</p>
        <TextField
          label={ja.employeeForm.email(1)}
          value={value}
          onChange={setValue}
          error={fieldError}
          announceError
          type="email"
          inputMode="email"
          autoComplete="off"
          hint={b.addressDialogNote}
          data-autofocus
        />
      </form>
    </Dialog>
  );
}
