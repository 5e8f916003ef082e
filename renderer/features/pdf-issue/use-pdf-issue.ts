/**
 * One press of 「ダウンロード」 or 「印刷」: prepare the notice (nothing stored yet), deliver
 * it, and report the result — generate → deliver → result in one click, never before.
 *
 * Headless mode (a browser): the PDF is fetched by a plain download link (the session
 * cookie authenticates it) and the server says when every byte was sent. Desktop: the main
 * process shows the save or print dialog. A notice prepared but never handed over (the
 * administrator left the screen meanwhile) is discarded.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  PDF_DOWNLOAD_PATH, type IssueKind, type IssueResult, type MethodInput, type UnprintableName,
} from '../../../preload/contract';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { useAppInfoStore } from '../../stores/app-info-store';

/** What the administrator pressed: 「ダウンロード」 or 「印刷」 (desktop only). */
export type IssueAction = 'download' | 'print';
/** How the notice went out: a browser download, the save dialog, or the print dialog. */
export type DeliveryWay = 'download' | 'save' | 'print';

export type IssuePhase =
  | { name: 'idle' }
  | { name: 'preparing'; done: number; total: number | null }
  /** the notice has names its font cannot print: go on or stop, before anything is delivered */
  | { name: 'confirming'; warnings: UnprintableName[] }
  | { name: 'delivering'; way: DeliveryWay }
  | { name: 'done'; way: DeliveryWay; result: IssueResult }
  | { name: 'failed'; message: string };

export type IssueScope = MethodInput<'issuance.preparePdf'>;

const discard = (issueId: string) => {
  adminApi['issuance.discard']({ issueId }).catch(() => undefined);
};

/**
 * A browser download of a prepared notice: a hidden link with `download`, clicked. Inside
 * an open modal dialog the rest of the page is inert, so the link goes into the dialog.
 */
function startBrowserDownload(issueId: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = PDF_DOWNLOAD_PATH + issueId;
  a.download = fileName;
  a.hidden = true;
  (document.querySelector('dialog[open]') ?? document.body).append(a);
  a.click();
  a.remove();
}

export function usePdfIssue(kind: IssueKind) {
  const [phase, setPhase] = useState<IssuePhase>({ name: 'idle' });
  const mounted = useRef(false);
  /** answers the 'confirming' phase: true to deliver, false to drop the notice */
  const decision = useRef<((go: boolean) => void) | null>(null);

  useEffect(() => {
    mounted.current = true;
    // Subscribed for the screen's lifetime, so the event stream is open before the press.
    const stop = adminApi.on('issueProgress', (p) => {
      if (p.kind !== kind) return;
      setPhase((ph) => (ph.name === 'preparing' ? { name: 'preparing', done: p.done, total: p.total } : ph));
    });
    return () => {
      mounted.current = false;
      stop();
      decision.current?.(false); // left while asked: the prepared notice is dropped
    };
  }, [kind]);

  const run = useCallback(async (scope: IssueScope, action: IssueAction, expectedTotal: number | null = null): Promise<IssueResult | null> => {
    setPhase({ name: 'preparing', done: 0, total: expectedTotal });
    try {
      const { desktop } = await useAppInfoStore.getState().ensure();
      const preview = await adminApi['issuance.preparePdf'](scope);
      // Left while it was being prepared: nobody will deliver it, so it is dropped now.
      // (From here to the delivery call nothing waits, so there is no other such gap.)
      if (!mounted.current) {
        discard(preview.issueId);
        return null;
      }
      if (preview.warnings?.length) {
        setPhase({ name: 'confirming', warnings: preview.warnings });
        const go = await new Promise<boolean>((resolve) => (decision.current = resolve));
        decision.current = null;
        if (!go || !mounted.current) {
          discard(preview.issueId);
          if (mounted.current) setPhase({ name: 'idle' });
          return null;
        }
      }
      const way: DeliveryWay = !desktop ? 'download' : action === 'print' ? 'print' : 'save';
      setPhase({ name: 'delivering', way });
      const issueId = preview.issueId;
      let result: IssueResult;
      if (way === 'download') {
        // Once the link is followed the download is the browser's; leaving the screen does not stop it.
        startBrowserDownload(issueId, preview.fileName);
        result = await adminApi['issuance.awaitDownload']({ issueId });
      } else {
        result = way === 'print'
          ? await adminApi['issuance.print']({ issueId })
          : await adminApi['issuance.saveToFile']({ issueId });
      }
      if (mounted.current) setPhase({ name: 'done', way, result });
      return result;
    } catch (e) {
      if (mounted.current) setPhase({ name: 'failed', message: describeError(e).message });
      return null;
    }
  }, []);

  const reset = useCallback(() => setPhase({ name: 'idle' }), []);
  /** 「このまま発行する」 (true) or 「発行をやめる」 (false) while 'confirming' */
  const decide = useCallback((go: boolean) => decision.current?.(go), []);
  const busy = phase.name === 'preparing' || phase.name === 'delivering' || phase.name === 'confirming';
  return { phase, busy, run, reset, decide };
}
