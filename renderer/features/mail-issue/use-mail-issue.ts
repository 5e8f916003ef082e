/**
 * The individual mail screen's data: the view, kept current (an employee verifying on the
 * LAN, another window, a link expiring), and its actions: 「認証要求メール送信」,
 * 「アカウント通知メール送信」 (reissue) and 「認証要求の取り消し」.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MailIssueView } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';

/** 有効期限切れ is a matter of time, not of an event: look again once a minute. */
const REFRESH_EVERY_MS = 60_000;

export type MailIssueLoad =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'loaded'; view: MailIssueView };

/** The last action's result, shown under the buttons. */
export type MailIssueOutcome = { tone: 'success' | 'error'; text: string } | null;

export function useMailIssue(employeeId: number) {
  const [load, setLoad] = useState<MailIssueLoad>({ status: 'loading' });
  const [outcome, setOutcome] = useState<MailIssueOutcome>(null);
  const [sending, setSending] = useState(false);
  // Only the latest answer may land: an older refetch must not overwrite a newer view.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const view = await adminApi['mailIssue.get']({ id: employeeId });
      if (request === latest.current) setLoad({ status: 'loaded', view });
    } catch (e) {
      if (request === latest.current) setLoad({ status: 'failed', message: describeError(e).message });
    }
  }, [employeeId]);

  useEffect(() => {
    void refresh();
    const stop = adminApi.on('employeesChanged', () => void refresh());
    const timer = setInterval(() => void refresh(), REFRESH_EVERY_MS);
    return () => {
      latest.current++; // answers arriving after the screen closed are dropped
      stop();
      clearInterval(timer);
    };
  }, [refresh]);

  const landed = (view: MailIssueView) => {
    latest.current++;
    setLoad({ status: 'loaded', view });
  };

  async function send(slot: 1 | 2 | 3, address: string): Promise<void> {
    setSending(true);
    setOutcome(null);
    try {
      landed(await adminApi['mailIssue.sendVerification']({ id: employeeId, slot }));
      setOutcome({ tone: 'success', text: ja.mailIssue.sent(address) });
    } catch (e) {
      // The server's message carries the SMTP server's own answer; the history now lists the failure.
      setOutcome({ tone: 'error', text: describeError(e).message });
      void refresh();
    } finally {
      setSending(false);
    }
  }

  /** 「アカウント通知メール送信」 (reissue): a new password by mail, no verification. */
  async function sendAccountMail(slot: 1 | 2 | 3, address: string): Promise<void> {
    setSending(true);
    setOutcome(null);
    try {
      landed(await adminApi['mailIssue.sendAccountMail']({ id: employeeId, slot }));
      setOutcome({ tone: 'success', text: ja.mailIssue.accountSent(address) });
    } catch (e) {
      setOutcome({ tone: 'error', text: describeError(e).message });
      void refresh();
    } finally {
      setSending(false);
    }
  }

  /** Throws the server's refusal, for the confirmation dialog to show. */
  async function cancel(): Promise<void> {
    landed(await adminApi['mailIssue.cancel']({ id: employeeId }));
    setOutcome({ tone: 'success', text: ja.mailIssue.cancelled });
  }

  return { load, outcome, sending, send, sendAccountMail, cancel };
}
