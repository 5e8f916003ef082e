import { useState } from 'react';
import type { AdministratorRow, InitialPasswordResult } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { base64ToBytes } from '../../ui/base64';
import { DestructiveConfirmDialog } from '../../ui/DestructiveConfirmDialog';
import { RadioGroup } from '../../ui/RadioGroup';
import { saveDownload } from '../../ui/save-download';
import { AddAdministratorForm, DELIVERY_OPTIONS, type Delivery } from './AddAdministratorForm';
import { AdministratorTable } from './AdministratorTable';
import { InitialPasswordDialog } from './InitialPasswordDialog';
import { useAdministrators, type AdministratorAction } from './use-administrators';

const t = ja.administrators;

type Pending = { action: Exclude<AdministratorAction, 'enable'> | 'reset'; row: AdministratorRow } | null;

/**
 * 基本設定 › 管理者アカウント (the 法人管理者 only): the ユーザー管理者 — add, disable or enable,
 * remove, and a new initial password. Another administrator's change shows here at once.
 */
export function AdministratorsScreen() {
  const { view, loadError, create, change, resetPassword } = useAdministrators();
  const [pending, setPending] = useState<Pending>(null);
  const [resetDelivery, setResetDelivery] = useState<Delivery>('screen');
  const [shown, setShown] = useState<InitialPasswordResult | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const say = (text: string) => setMessage({ text, error: false });

  /** A new initial password: the notice is downloaded at once, else the dialog shows the password. */
  const handOver = (r: InitialPasswordResult) => {
    if (r.pdf) saveDownload(base64ToBytes(r.pdf.contentBase64), r.pdf.fileName, 'application/pdf');
    setShown(r);
  };

  const confirmText = (p: NonNullable<Pending>) => {
    switch (p.action) {
      case 'disable': return { title: t.disable, body: t.confirmDisable(p.row.name), ok: t.disable };
      case 'delete': return { title: t.remove, body: t.confirmRemove(p.row.name), ok: t.remove };
      case 'reset': return { title: t.resetPassword, body: t.confirmReset(p.row.name), ok: t.resetPassword };
    }
  };

  async function run(p: NonNullable<Pending>) {
    if (p.action === 'reset') {
      handOver(await resetPassword(p.row, resetDelivery));
      return;
    }
    const r = await change(p.action, p.row);
    say(p.action === 'disable' ? t.disabled(r.subject.name) : t.removed(r.subject.name));
  }

  /** 「有効にする」 needs no confirmation: it takes nothing away. */
  async function enable(row: AdministratorRow) {
    try {
      say(t.enabled((await change('enable', row)).subject.name));
    } catch (e) {
      setMessage({ text: describeError(e).message, error: true });
    }
  }

  return (
    <section className="screen settings-screen administrators-screen" aria-labelledby="administrators-title">
      <div className="screen-header">
        <p className="breadcrumb">{ja.menu.basicSettings} {ja.menu.separator}</p>
        <h1 id="administrators-title" className="screen-title">{t.title}</h1>
      </div>
      <p className="screen-lead">{t.lead}</p>
      {message && (message.error
        ? <p role="alert" className="notice notice-error">{message.text}</p>
        : <p role="status" className="notice notice-success">{message.text}</p>)}
      {loadError && <p role="alert" className="notice notice-error">{loadError}</p>}
      {!view && !loadError && <p className="app-loading-inline">{ja.app.loading}</p>}
      {view && (
        <AdministratorTable
          view={view}
          onDisable={(row) => setPending({ action: 'disable', row })}
          onEnable={(row) => void enable(row)}
          onRemove={(row) => setPending({ action: 'delete', row })}
          onResetPassword={(row) => setPending({ action: 'reset', row })}
        />
      )}
      <AddAdministratorForm
        onCreate={create}
        onCreated={(r) => {
          say(t.added(r.subject.name));
          handOver(r);
        }}
      />
      {pending && (
        <DestructiveConfirmDialog
          key={`${pending.action}-${pending.row.id}`}
          title={confirmText(pending).title}
          okLabel={confirmText(pending).ok}
          cancelLabel={t.cancel}
          onConfirm={() => run(pending)}
          onClose={() => setPending(null)}
        >
          <p>{confirmText(pending).body}</p>
          {pending.action === 'reset' && <RadioGroup legend={t.delivery} options={DELIVERY_OPTIONS} value={resetDelivery} onChange={(v: Delivery) => setResetDelivery(v)} />}
        </DestructiveConfirmDialog>
      )}
      {shown && <InitialPasswordDialog result={shown} onClose={() => setShown(null)} />}
    </section>
  );
}
