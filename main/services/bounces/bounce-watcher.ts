/**
 * Watches the mailbox where delivery reports arrive: reads what is new, hands each likely report
 * to the processor, flags (or moves) the ones that were ours, and remembers how far it has read.
 * New mail is noticed by IDLE where the server has it (within seconds); without IDLE the folder
 * is checked every POLL_MS. A lost connection is opened again after a pause that doubles up to
 * MAX_BACKOFF_MS. Messages are handled in UID order and the position is saved after each batch:
 * after a reconnect or a crash the rest is read, and what was read again is recorded once only
 * (the processor is idempotent).
 */
import type { Database } from 'better-sqlite3';
import { readMailboxState, writeMailboxState } from '../../../db/queries/mail-bounces';
import { ja } from '../../../preload/i18n/ja';
import type { Clock } from '../support/clock';
import type { Logger } from '../support/logger';
import type { BounceProcessor } from './bounce-processor';
import type { MailboxConnection } from './mailbox';
import { mayBeReport, REPORT_MAX_BYTES } from './parse-report';

/** Without IDLE: how often the folder is checked (stated in the README and on the settings screen). */
export const POLL_MS = 60_000;
/** With IDLE: a check now and then all the same, should a notification be lost. */
const IDLE_RECHECK_MS = 10 * 60_000;
const FIRST_BACKOFF_MS = 2_000;
export const MAX_BACKOFF_MS = 5 * 60_000;
/** A mailbox never read before: the reports of the last days (links live at most 14 days). */
const FIRST_LOOK_BACK_MS = 15 * 86_400_000;
/** Messages whose headers are fetched at once. */
const BATCH = 100;

/** The server closed the connection (it went away, or restarts). */
export class ConnectionLost extends Error {
  constructor() {
    super('connection closed');
    this.name = 'ConnectionLost';
  }
}

export interface WatchTarget {
  /** names the mailbox and folder: another one starts from its own beginning */
  key: string;
  open(): Promise<MailboxConnection>;
}

export interface WatcherStatus {
  state: 'off' | 'connecting' | 'watching' | 'retrying';
  idle: boolean;
  lastCheckedAt: number | null;
  /** why the last attempt failed (Japanese, for the settings screen) */
  lastError: string | null;
  /** reports of ours handled since the start */
  handled: number;
}

export interface WatcherDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  processor: BounceProcessor;
  /** the mailbox of the current settings, or null when 送信エラーの確認 is off */
  target(): WatchTarget | null;
  /** a failure in words for the screen */
  explain(e: unknown): string;
  onStatus(s: WatcherStatus): void;
  /** pauses (tests shorten them) */
  timing?: { pollMs?: number; idleRecheckMs?: number; firstBackoffMs?: number; maxBackoffMs?: number };
}

export class BounceWatcher {
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private connection: MailboxConnection | null = null;
  private status: WatcherStatus = { state: 'off', idle: false, lastCheckedAt: null, lastError: null, handled: 0 };

  constructor(private readonly deps: WatcherDeps) {}

  current(): WatcherStatus {
    return { ...this.status };
  }

  /** Starts watching (or starts again with new settings). */
  async restart(): Promise<void> {
    await this.stop();
    this.stopping = false;
    this.running = this.loop().catch((e: unknown) => this.deps.logger.error('mailbox watcher stopped', { error: String(e) }));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.connection?.close().catch(() => undefined);
    await this.running;
    this.running = null;
  }

  private setStatus(part: Partial<WatcherStatus>): void {
    this.status = { ...this.status, ...part };
    this.deps.onStatus(this.current());
  }

  private async loop(): Promise<void> {
    const t = this.deps.timing ?? {};
    let failures = 0;
    while (!this.stopping) {
      const target = this.deps.target();
      if (!target) {
        this.setStatus({ state: 'off', idle: false, lastError: null });
        return;
      }
      this.setStatus({ state: failures > 0 ? 'retrying' : 'connecting' });
      try {
        this.connection = await target.open();
        if (this.stopping) break;
        failures = 0;
        this.setStatus({ state: 'watching', idle: this.connection.idle, lastError: null });
        for (;;) {
          await this.check(target.key, this.connection);
          this.setStatus({ lastCheckedAt: this.deps.clock.now() });
          if (this.stopping) break;
          const signal = await this.waitFor(this.connection, this.connection.idle ? t.idleRecheckMs ?? IDLE_RECHECK_MS : t.pollMs ?? POLL_MS);
          if (this.stopping) break;
          if (signal === 'closed') throw new ConnectionLost();
        }
      } catch (e) {
        if (this.stopping) break;
        failures++;
        const why = this.deps.explain(e);
        this.deps.logger.warn('mailbox watcher: connection failed; trying again', { attempt: failures, error: String(e).slice(0, 200) });
        this.setStatus({ state: 'retrying', lastError: why });
        await this.connection?.close().catch(() => undefined);
        this.connection = null;
        const pause = Math.min((t.firstBackoffMs ?? FIRST_BACKOFF_MS) * 2 ** (failures - 1), t.maxBackoffMs ?? MAX_BACKOFF_MS);
        await this.pause(pause);
      }
    }
    await this.connection?.close().catch(() => undefined);
    this.connection = null;
    this.setStatus({ state: 'off' });
  }

  /** The server's notice, the poll interval or stop: whichever comes first. */
  private waitFor(c: MailboxConnection, ms: number): Promise<'changed' | 'closed' | 'timeout'> {
    return Promise.race([c.waitForChange(ms), new Promise<'changed'>((r) => (this.wake = () => r('changed')))]);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Reads what arrived since the saved position; reports that were ours are flagged; the position moves on. */
  private async check(key: string, c: MailboxConnection): Promise<void> {
    const { db, clock, processor } = this.deps;
    const saved = readMailboxState(db);
    const lastUid = saved && saved.mailboxKey === key && saved.uidValidity === c.uidValidity ? saved.lastUid : 0;
    const uids = await c.newUids(lastUid, new Date(clock.now() - FIRST_LOOK_BACK_MS));
    for (let i = 0; i < uids.length && !this.stopping; i += BATCH) {
      const batch = uids.slice(i, i + BATCH);
      const ours: number[] = [];
      for (const h of await c.headers(batch)) {
        if (!mayBeReport(h) || h.size > REPORT_MAX_BYTES) continue; // someone's mail: not even read
        const source = await c.source(h.uid);
        if (!source) continue;
        if ((await processor.handle(source)) === 'ours') ours.push(h.uid);
      }
      // recorded first (idempotent), flagged next, the position saved last: a break anywhere repeats, never skips
      const { notMoved } = await c.markHandled(ours);
      writeMailboxState(db, { mailboxKey: key, uidValidity: c.uidValidity, lastUid: batch[batch.length - 1]! });
      if (notMoved) this.deps.logger.warn('bounce reports marked seen, not moved', { folder: notMoved.folder, why: notMoved.why });
      if (ours.length > 0) {
        this.setStatus({ handled: this.status.handled + ours.length, lastError: notMoved ? ja.bounce.notMoved[notMoved.why](notMoved.folder) : null });
      }
    }
    if (uids.length === 0 && (!saved || saved.mailboxKey !== key || saved.uidValidity !== c.uidValidity)) {
      writeMailboxState(db, { mailboxKey: key, uidValidity: c.uidValidity, lastUid: 0 });
    }
  }
}
