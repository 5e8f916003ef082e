/**
 * One bulk mail job as it runs: its counts (the bulkMailProgress event, and the status on
 * mount), and once it has stopped, its rows for the result.
 */
import { useEffect, useState } from 'react';
import type { BulkMailStatus } from '../../../preload/contract';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { newer, progressOf, type JobProgress } from './job-progress';

export function useBulkMailJob(jobId: string) {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [status, setStatus] = useState<BulkMailStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const fetchStatus = async () => {
      try {
        const s = await adminApi['bulkMail.status']({ jobId });
        if (!current) return;
        setStatus(s);
        setProgress((p) => newer(p, progressOf(s)));
      } catch (e) {
        if (current) setError(describeError(e).message);
      }
    };
    // Subscribed first, so no report falls between the status and the stream.
    const stop = adminApi.on('bulkMailProgress', (p) => {
      if (p.jobId !== jobId) return;
      setProgress((old) => newer(old, p));
      if (!p.running) void fetchStatus(); // the rows, for the result
    });
    void fetchStatus();
    return () => {
      current = false;
      stop();
    };
  }, [jobId]);

  // The result is shown from a status that has stopped running, whatever the event order.
  const result = status && !status.running && progress && !progress.running ? status : null;
  return { progress, result, error };
}
