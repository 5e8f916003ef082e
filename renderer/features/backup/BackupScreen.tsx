import { useState } from 'react';
import type { BackupInfo } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { BackupTable } from './BackupTable';
import { RestoreDialog } from './RestoreDialog';
import { useBackups, type BackupOutcome } from './use-backups';

const b = ja.backup;

/** 基本設定 › バックアップ: the backups kept, 「今すぐバックアップ」, and 「復元」 from one of them. */
export function BackupScreen() {
  const { backups, loadError, outcome, creating, create, restore } = useBackups();
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);

  return (
    <section className="screen settings-screen backup-screen" aria-labelledby="backup-title">
      <div className="screen-header">
        <p className="breadcrumb">{ja.menu.basicSettings} {ja.menu.separator}</p>
        <h1 id="backup-title" className="screen-title">{b.title}</h1>
      </div>
      <p className="screen-lead">{b.note}</p>
      <div className="backup-actions">
        <button type="button" className="button button-primary" disabled={creating} aria-busy={creating || undefined} onClick={() => void create()}>
          {b.createNow}
        </button>
      </div>
      <Outcome outcome={outcome} />
      {loadError && <p role="alert" className="notice notice-error">{loadError}</p>}
      {!backups && !loadError && <p className="app-loading-inline">{ja.app.loading}</p>}
      {backups && <BackupTable backups={backups} onRestore={setRestoring} disabled={creating} />}
      {restoring && (
        <RestoreDialog
          key={restoring.fileName}
          backup={restoring}
          onConfirm={() => restore(restoring.fileName)}
          onClose={() => setRestoring(null)}
        />
      )}
    </section>
  );
}

function Outcome({ outcome }: { outcome: BackupOutcome }) {
  switch (outcome.name) {
    case 'idle':
      return null;
    case 'creating':
      return <p className="backup-progress">{b.creating}</p>;
    case 'created':
      return <p role="status" className="notice notice-success">{b.created(outcome.fileName)}</p>;
    case 'restored':
      return <p role="status" className="notice notice-success">{b.restored(outcome.fileName)}</p>;
    case 'failed':
      return <p role="alert" className="notice notice-error">{outcome.message}</p>;
  }
}
