/**
 * Who may call the contract over IPC: the top frame of a window our factory made, showing our
 * origin. Electron-free shapes, so that tests/unit/desktop-url-policy.test.ts can present
 * sub-frames, look-alike origins and other windows.
 */
import { APP_ORIGIN, isAppUrl } from './url-policy';

export interface SenderFrame {
  url: string;
  parent: unknown;
  processId: number;
  routingId: number;
  detached?: boolean;
  isDestroyed(): boolean;
}

export interface SenderEvent {
  senderFrame: SenderFrame | null;
  sender: { mainFrame: { processId: number; routingId: number } };
}

/** `isOurContents`: whether the sender is the page of a window made by the window factory. */
export function isTrustedSender(event: SenderEvent, isOurContents: (sender: SenderEvent['sender']) => boolean): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed() || frame.detached) return false;
  if (!frame.url.startsWith(`${APP_ORIGIN}/`) || !isAppUrl(frame.url)) return false;
  if (frame.parent !== null) return false;
  const top = event.sender.mainFrame;
  if (frame.processId !== top.processId || frame.routingId !== top.routingId) return false;
  return isOurContents(event.sender);
}
