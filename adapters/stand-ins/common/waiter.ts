import { EventEmitter } from 'node:events';

/** Error thrown by `waitFor` when the predicate never held. */
export class StandInWaitTimeoutError extends Error {
  readonly code = 'STAND_IN_WAIT_TIMEOUT';
  constructor(timeoutMs: number, label: string) {
    super(`waitFor(${label}) did not hold within ${timeoutMs} ms`);
    this.name = 'StandInWaitTimeoutError';
  }
}

/** Re-evaluates predicates whenever the stand-in's state changes (and on a slow poll as a backstop). */
export class ChangeWaiter {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  changed(): void {
    this.emitter.emit('change');
  }

  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs: number, label = 'predicate'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        let value: T | undefined | null | false;
        try {
          value = predicate();
        } catch (err) {
          finish();
          reject(err);
          return true;
        }
        if (value) {
          finish();
          resolve(value);
          return true;
        }
        return false;
      };
      const onChange = (): void => {
        check();
      };
      const finish = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.emitter.off('change', onChange);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new StandInWaitTimeoutError(timeoutMs, label));
      }, timeoutMs);
      const poll = setInterval(onChange, 25);
      this.emitter.on('change', onChange);
      check();
    });
  }
}
