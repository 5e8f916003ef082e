/**
 * The バックアップ screen's state: the list (newest first, as the server sorts it), and the
 * outcome of the latest 「今すぐバックアップ」 or 「復元」 (one message at a time).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackupInfo } from '../../../preload/contract';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';

export type BackupOutcome =
  | { name: 'idle' }
  | { name: 'creating' }
  | { name: 'created'; fileName: string }
  | { name: 'restored'; fileName: string }
  | { name: 'failed'; message: string };

export function useBackups() {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<BackupOutcome>({ name: 'idle' });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    try {
      const list = await adminApi['backup.list'](undefined);
      if (request !== latest.current) return;
      setBackups(list);
      setLoadError(null);
    } catch (e) {
      if (request === latest.current) setLoadError(describeError(e).message);
    }
  }, []);

  useEffect(() => {
    void reload();
    return () => {
      latest.current++;
    };
  }, [reload]);

  /** 「今すぐバックアップ」: the oldest beyond the kept ones may go, so the list is read again. */
  const create = useCallback(async () => {
    setOutcome({ name: 'creating' });
    try {
      const info = await adminApi['backup.create'](undefined);
      setOutcome({ name: 'created', fileName: info.fileName });
    } catch (e) {
      setOutcome({ name: 'failed', message: describeError(e).message });
    }
    await reload();
  }, [reload]);

  /** 「復元する」: throws the server's refusal, for the confirmation dialog to show. */
  const restore = useCallback(async (fileName: string) => {
    await adminApi['backup.restore']({ fileName });
    setOutcome({ name: 'restored', fileName });
  }, []);

  return { backups, loadError, outcome, creating: outcome.name === 'creating', create, restore };
}
