/**
 * The one modal dialog of the admin screens, on the native <dialog>: showModal() makes the
 * rest of the window inert and keeps focus inside. Escape means 「キャンセル」. The element
 * marked data-autofocus gets the focus (a destructive dialog marks 「キャンセル」, an entry
 * dialog its field), else the first button.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onCancel(): void;
  /** the buttons; the element with data-autofocus (else the first button) is focused */
  actions: ReactNode;
  children: ReactNode;
  className?: string;
}

export function Dialog({ title, onCancel, actions, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Read at event time: the parent may pass a new function on every render.
  const cancelRef = useRef(onCancel);
  useEffect(() => {
    cancelRef.current = onCancel;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    (dialog.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)')
      ?? dialog.querySelector<HTMLButtonElement>('.dialog-actions button:not(:disabled)'))?.focus();
    const onCancelEvent = (e: Event) => {
      e.preventDefault(); // the parent decides whether the dialog goes away
      cancelRef.current();
    };
    // Chromium may close a dialog despite preventDefault (a second Escape without user
    // activation): treat that as 「キャンセル」 too, so the parent's state stays true.
    const onClosed = () => cancelRef.current();
    dialog.addEventListener('cancel', onCancelEvent);
    dialog.addEventListener('close', onClosed);
    return () => {
      dialog.removeEventListener('cancel', onCancelEvent);
      dialog.removeEventListener('close', onClosed);
      if (dialog.open) dialog.close();
      returnFocusTo?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} role="dialog" aria-modal="true" aria-labelledby={titleId} className={className ? `dialog ${className}` : 'dialog'}>
      <h2 id={titleId} className="dialog-title">{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">{actions}</div>
    </dialog>
  );
}
