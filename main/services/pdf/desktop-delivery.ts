import type { Delivery } from '../pdf-issuance-service';

/**
 * How the desktop app delivers a notice: the save dialog then a durable write, or the
 * system print dialog. Implemented in main/electron/ (the only place that knows electron);
 * headless mode has none and delivers by browser download instead.
 */
export interface DesktopPdfDelivery {
  saveToFile(pdf: Buffer, suggestedName: string): Promise<Delivery>;
  print(pdf: Buffer): Promise<Delivery>;
}
