import { useCallback, useEffect, useRef, useState } from 'react';
import type { DemoMail } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { DemoMailList } from './DemoMailList';
import { DemoMailView } from './DemoMailView';

const d = ja.demoMailbox;

const newestFirst = (a: DemoMail, b: DemoMail) => b.receivedAt - a.receivedAt || b.id - a.id;

/** 「デモ用受信箱」: what the demo's built-in mailbox received, live. */
export function DemoMailboxScreen() {
  const [mails, setMails] = useState<DemoMail[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // null: follow the newest mail, so a mail just sent is the one shown.
  const [chosenId, setChosenId] = useState<number | null>(null);
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const list = await adminApi['demo.listMail'](undefined);
      if (request !== latest.current) return;
      setMails([...list].sort(newestFirst));
      setError(null);
    } catch (e) {
      if (request === latest.current) setError(describeError(e).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const stop = adminApi.on('demoMailReceived', () => void refresh());
    return () => {
      latest.current++;
      stop();
    };
  }, [refresh]);

  const selected = mails?.find((m) => m.id === chosenId) ?? mails?.[0] ?? null;

  return (
    <section className="screen demo-mailbox-screen" aria-labelledby="demo-mailbox-title">
      <div className="screen-header">
        <h1 id="demo-mailbox-title" className="screen-title">{d.title}</h1>
      </div>
      <p className="screen-lead">{d.lead}</p>
      {error && <p role="alert" className="notice notice-error">{error}</p>}
      {!mails && !error && <p className="app-loading-inline">{ja.app.loading}</p>}
      {mails && mails.length === 0 && <p className="table-empty-text">{d.empty}</p>}
      {mails && mails.length > 0 && (
        <div className="demo-mailbox">
          <DemoMailList mails={mails} selectedId={selected?.id ?? null} onSelect={setChosenId} />
          {selected && <DemoMailView key={selected.id} mail={selected} />}
        </div>
      )}
    </section>
  );
}
