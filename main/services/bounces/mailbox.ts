/**
 * The watched mailbox as the watcher sees it: a real IMAP folder (imap-mailbox.ts) or the demo's
 * built-in one. Messages are named by UID; reading never sets \Seen (only markHandled changes
 * anything, and only for the reports that were ours).
 */

/** The few header fields that tell whether a message may be a delivery report (decoded as they come). */
export interface MessageHeaders {
  uid: number;
  size: number;
  contentType: string;
  from: string;
  subject: string;
  ndrHeader: boolean;
  autoSubmitted: string;
}

export type ChangeSignal = 'changed' | 'closed' | 'timeout';

export interface MailboxConnection {
  /** the folder's UIDVALIDITY: UIDs keep their meaning only while it stays the same */
  readonly uidValidity: string;
  /** the server tells about new mail by itself (IDLE); otherwise the watcher polls */
  readonly idle: boolean;
  /** UIDs after `afterUid`, ascending; with 0 (a mailbox never read) those that arrived since `since` */
  newUids(afterUid: number, since: Date): Promise<number[]>;
  headers(uids: readonly number[]): Promise<MessageHeaders[]>;
  /** the whole message, without flagging it */
  source(uid: number): Promise<Buffer | null>;
  /**
   * Reports that were ours: \Seen, or moved to the administrator's folder. `notMoved`: a move was
   * asked for but the reports were only marked \Seen — the server refused it (the folder is gone),
   * or it could move only by expunging the whole folder (no MOVE, no UIDPLUS).
   */
  markHandled(uids: readonly number[]): Promise<{ notMoved?: { folder: string; why: 'refused' | 'unsupported' } }>;
  /** resolves when the server tells of new mail, the connection is lost, or `ms` passed */
  waitForChange(ms: number): Promise<ChangeSignal>;
  close(): Promise<void>;
}

/**
 * The watcher's wait for news of the mailbox. News that comes while the watcher is not waiting
 * (an IMAP server tells of new mail in its answers to the watcher's own commands) is kept for the
 * next wait: dropped, a report arriving mid-check would wait for the next recheck (10 minutes).
 */
export class ChangeNotices {
  private waiting: ((s: ChangeSignal) => void) | null = null;
  private changedMeanwhile = false;
  private closed = false;

  signal(s: 'changed' | 'closed'): void {
    if (s === 'closed') this.closed = true;
    const w = this.waiting;
    this.waiting = null;
    if (w) w(s);
    else if (s === 'changed') this.changedMeanwhile = true;
  }

  wait(ms: number): Promise<ChangeSignal> {
    if (this.closed) return Promise.resolve('closed');
    if (this.changedMeanwhile) {
      this.changedMeanwhile = false;
      return Promise.resolve('changed');
    }
    return new Promise<ChangeSignal>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        resolve('timeout');
      }, ms);
      this.waiting = (s) => {
        clearTimeout(timer);
        resolve(s);
      };
    });
  }
}
