/**
 * The planned rows of the CSV upload's previews, waiting for their 「取り込み」 (kept in the CSV
 * worker, csv-plan-worker.ts): the latest few only — another admin window may be half-way through
 * its own — each for a while. A preview abandoned for the next one is let go as soon as it is
 * one too many: kept for their whole 30 minutes, 300 previews of a 1,000-row file had grown the
 * heap by about 190 MB.
 */
export interface Shelved<T> { value: T; expires: number }

export class PreviewShelf<T> {
  private readonly kept = new Map<string, Shelved<T>>();

  constructor(private readonly max: number, private readonly ttlMs: number) {}

  put(id: string, value: T, now: number): void {
    for (const [k, e] of this.kept) if (e.expires < now) this.kept.delete(k);
    this.keep(id, { value, expires: now + this.ttlMs });
  }

  /** Handed over once: a second take of the same preview (another tab's 取り込み) finds nothing. */
  take(id: string, now: number): Shelved<T> | null {
    const e = this.kept.get(id);
    this.kept.delete(id);
    return e && e.expires >= now ? e : null;
  }

  /** Back on the shelf as it was (an import the storage refused can be tried again). */
  putBack(id: string, shelved: Shelved<T>): void {
    this.keep(id, shelved); // other windows may have filled the shelf meanwhile
  }

  /** The newest on the shelf; the oldest go once there are more than `max`. */
  private keep(id: string, shelved: Shelved<T>): void {
    this.kept.set(id, shelved);
    // a Map iterates in insertion order: the oldest first
    for (const k of this.kept.keys()) if (this.kept.size > this.max) this.kept.delete(k);
  }
}
