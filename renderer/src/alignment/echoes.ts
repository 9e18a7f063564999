/**
 * Tells this window's own changes from other clients' when the server
 * announces them. Each change the window makes comes back from its call with
 * the undo log's sequence number, and the server's "changed" event carries
 * the same number: an event whose number the window is expecting is its own
 * echo and is dropped; any other is a change made elsewhere and must be
 * applied. An event that arrives while a call is still on its way (the event
 * can overtake the answer) waits until the calls are back. DOM-free.
 */
export class Echoes {
  /** Sequence numbers of our own changes whose event has not come yet; a number can come twice (undo, then redo). */
  private readonly expected = new Map<number, number>();
  private inFlight = 0;
  private deferred: Array<{ seq: number | undefined; foreign: () => void }> = [];
  /** Numbers expected longest are forgotten past this many (their event was lost, say on a reconnect). */
  static readonly LIMIT = 2000;

  /** Marks a call that may make changes of our own; call the returned function when it has answered. */
  begin(): () => void {
    this.inFlight++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      if (this.inFlight === 0) this.flush();
    };
  }

  /** Runs a call that makes changes of our own, between begin() and its end. */
  async around<T>(call: () => Promise<T>): Promise<T> {
    const end = this.begin();
    try {
      return await call();
    } finally {
      end();
    }
  }

  /** A change of our own came back with this number: its event will be an echo. */
  own(seq: number | null | undefined): void {
    if (seq === null || seq === undefined) return;
    this.expected.set(seq, (this.expected.get(seq) ?? 0) + 1);
    if (this.expected.size > Echoes.LIMIT) this.expected.delete(this.expected.keys().next().value!);
  }

  /** The server announced a change; `foreign` runs unless it is our own echo. */
  receive(seq: number | undefined, foreign: () => void): void {
    if (seq !== undefined && this.consume(seq)) return;
    if (this.inFlight > 0) {
      this.deferred.push({ seq, foreign });
      return;
    }
    foreign();
  }

  /** Calls on their way, for tests and the status line. */
  get pending(): number {
    return this.inFlight;
  }

  private consume(seq: number): boolean {
    const n = this.expected.get(seq);
    if (!n) return false;
    if (n === 1) this.expected.delete(seq);
    else this.expected.set(seq, n - 1);
    return true;
  }

  private flush(): void {
    const waiting = this.deferred;
    this.deferred = [];
    // Our calls are back, so their numbers are known now: each waiting event is ours or not.
    for (const e of waiting) this.receive(e.seq, e.foreign);
  }
}
