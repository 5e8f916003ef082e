/**
 * 管理者アカウント's state: the list as the server has it (read again whenever any administrator
 * changes an account, from any screen), and the outcome of the latest change (one message at a time).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdministratorChange, AdministratorRow, AdministratorsView, InitialPasswordResult } from '../../../preload/contract';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';

export type AdministratorAction = 'disable' | 'enable' | 'delete';

export function useAdministrators() {
  const [view, setView] = useState<AdministratorsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    try {
      const v = await adminApi['administrators.list'](undefined);
      if (request !== latest.current) return;
      setView(v);
      setLoadError(null);
    } catch (e) {
      if (request === latest.current) setLoadError(describeError(e).message);
    }
  }, []);

  useEffect(() => {
    void reload();
    const stop = adminApi.on('administratorsChanged', () => void reload());
    return () => {
      stop();
      latest.current++;
    };
  }, [reload]);

  const applied = useCallback((r: AdministratorsView) => {
    latest.current++;
    setView({ companyAdmin: r.companyAdmin, administrators: r.administrators });
  }, []);

  /** 「追加」: throws the server's refusal (field errors included) for the form to show. */
  const create = useCallback(async (input: { loginId: string; name: string; delivery: 'screen' | 'pdf' }): Promise<InitialPasswordResult> => {
    const r = await adminApi['administrators.create'](input);
    applied(r);
    return r;
  }, [applied]);

  const change = useCallback(async (action: AdministratorAction, row: AdministratorRow): Promise<AdministratorChange> => {
    const ref = { id: row.id, version: row.version };
    try {
      const r = action === 'disable' ? await adminApi['administrators.disable'](ref)
        : action === 'enable' ? await adminApi['administrators.enable'](ref)
          : await adminApi['administrators.delete'](ref);
      applied(r);
      return r;
    } catch (e) {
      void reload(); // a stale screen: show what is there now
      throw e;
    }
  }, [applied, reload]);

  const resetPassword = useCallback(async (row: AdministratorRow, delivery: 'screen' | 'pdf'): Promise<InitialPasswordResult> => {
    try {
      const r = await adminApi['administrators.resetPassword']({ id: row.id, version: row.version, delivery });
      applied(r);
      return r;
    } catch (e) {
      void reload();
      throw e;
    }
  }, [applied, reload]);

  return { view, loadError, create, change, resetPassword };
}
