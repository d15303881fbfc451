/**
 * Inbound platform requests being handled. Adapters run their handlers through here: Slack's go
 * on after the HTTP answer (Bolt acknowledges first), so only this tells when they are done. A
 * graceful stop waits for it, and a test knows when a repeated delivery has been dealt with.
 */
export class InboundWork {
  private running = 0;
  private waiting: Array<() => void> = [];

  /** Runs `work`, counted as in progress until it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      if (this.running === 0) for (const resolve of this.waiting.splice(0)) resolve();
    }
  }

  /** How many pieces of work are in progress. */
  get size(): number {
    return this.running;
  }

  /** Resolves as soon as no work is in progress (at once if none is). */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
