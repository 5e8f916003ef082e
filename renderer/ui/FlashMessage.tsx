import { useEffect } from 'react';
import { useFlashStore } from '../stores/flash-store';

const VISIBLE_MS = 5000;

/**
 * The latest success or info message, shown for a few seconds. The status element exists
 * only while there is a message, so a screen never holds an empty live region.
 */
export function FlashMessage() {
  const flash = useFlashStore((s) => s.flash);
  const dismiss = useFlashStore((s) => s.dismiss);

  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => dismiss(flash.id), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [flash, dismiss]);

  if (!flash) return null;
  return <p role="status" key={flash.id} className={`flash flash-${flash.tone}`}>{flash.text}</p>;
}
