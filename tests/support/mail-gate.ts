/**
 * Holds mails "on their way": while closed, the test SMTP server receives each mail but does not
 * answer until the gate opens (pass `gate.beforeAccept` to startTestSmtpServer). A test closes it,
 * starts the work, waits until the mail has arrived, does what the other actor does at that
 * instant, then opens it — the interleaving is pinned, not guessed with a sleep.
 */
export class MailGate {
  private closed = false;
  private held: (() => void)[] = [];
  private arrived = 0;
  private watchers: { n: number; resolve(): void }[] = [];

  readonly beforeAccept = (): Promise<void> | void => {
    this.arrived += 1;
    for (const w of this.watchers.filter((x) => this.arrived >= x.n)) {
      this.watchers.splice(this.watchers.indexOf(w), 1);
      w.resolve();
    }
    if (!this.closed) return;
    return new Promise<void>((resolve) => this.held.push(resolve));
  };

  close(): void {
    this.closed = true;
  }

  open(): void {
    this.closed = false;
    for (const release of this.held.splice(0)) release();
  }

  /** Resolves once `n` mails (counted from the server's start) have reached the server. */
  arrivals(n: number): Promise<void> {
    if (this.arrived >= n) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ n, resolve }));
  }

  get count(): number {
    return this.arrived;
  }
}
