import { ja } from '../../../preload/i18n/ja';
import { CountButton } from '../../ui/CountButton';
import { useAppInfoStore } from '../../stores/app-info-store';
import type { IssueAction } from './use-pdf-issue';

const p = ja.pdfIssue;

interface DeliveryButtonsProps {
  onPress(action: IssueAction): void;
  disabled: boolean;
  /** 「ダウンロード 3」 on the bulk screen; plain 「ダウンロード」 without */
  count?: number;
}

/** 「ダウンロード」, and 「印刷」 in the desktop app (the system print dialog). */
export function DeliveryButtons({ onPress, disabled, count }: DeliveryButtonsProps) {
  const desktop = useAppInfoStore((s) => s.info?.desktop === true);
  const button = (action: IssueAction, label: string, className: string) => (
    count === undefined
      ? <button type="button" className={className} disabled={disabled} onClick={() => onPress(action)}>{label}</button>
      : <CountButton label={label} count={count} className={className} disabled={disabled} onClick={() => onPress(action)} />
  );
  return (
    <>
      {button('download', p.download, 'button button-primary')}
      {desktop && button('print', p.print, 'button button-primary')}
    </>
  );
}
