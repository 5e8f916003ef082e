/**
 * The latest bulk mail job, for the grid: its counts while it runs (the administrator may
 * have left its screen), or that it was interrupted by a restart and can be resumed.
 */
import { useEffect, useRef, useState } from 'react';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import type { BulkMailStatus } from '../../../preload/contract';
import { adminApi } from '../../api/session-guard';
import { useFlashStore } from '../../stores/flash-store';
import { useGridStore } from '../../stores/grid-store';
import { finished, newer, progressOf, type JobProgress } from './job-progress';

/** While mails go out the grid's statuses move; it is fetched again at most this often. */
const GRID_REFRESH_MS = 2_000;

export function useLatestBulkMail() {
  const [job, setJob] = useState<JobProgress | null>(null);
  // the employees of the latest job whose mail may or may not have gone out (a crash caught it)
  const [uncertainNames, setUncertainNames] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [resuming, setResuming] = useState(false);
  // Jobs seen running here: their end is worth a word on this screen.
  const seenRunning = useRef(new Set<string>());
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let current = true;
    const stop = adminApi.on('bulkMailProgress', (p) => setJob((old) => newer(old, p)));
    adminApi['bulkMail.latest'](undefined).then(
      (s) => {
        if (!current || !s) return;
        setJob((old) => newer(old, progressOf(s)));
        setUncertainNames(uncertainOf(s));
      },
      () => undefined, // the line is a convenience: the grid works without it
    );
    return () => {
      current = false;
      stop();
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    };
  }, []);

  useEffect(() => {
    if (!job) return;
    if (job.running) {
      seenRunning.current.add(job.jobId);
      // Throttled: a fast batch reports ten times a second.
      refreshTimer.current ??= setTimeout(() => {
        refreshTimer.current = null;
        void useGridStore.getState().fetch();
      }, GRID_REFRESH_MS);
    } else if (finished(job) && seenRunning.current.delete(job.jobId)) {
      useFlashStore.getState().show(ja.bulkMail.gridFinished(job.sent, job.failed, job.excluded, job.uncertain));
    }
  }, [job]);

  async function resume() {
    if (!job) return;
    setResuming(true);
    setError(null);
    try {
      const s = await adminApi['bulkMail.resume']({ jobId: job.jobId });
      setJob((old) => newer(old, progressOf(s)));
      setUncertainNames(uncertainOf(s));
    } catch (e) {
      setError(describeError(e).message);
    } finally {
      setResuming(false);
    }
  }

  return { job, uncertainNames, error, resuming, resume };
}

const uncertainOf = (s: BulkMailStatus): string[] => s.rows.filter((r) => r.state === 'uncertain').map((r) => r.name);
