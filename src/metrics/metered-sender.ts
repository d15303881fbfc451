import type { Metrics } from './metrics';
import { SendError, type PlatformSender } from '../outbox/platform-sender';

/** Wraps a platform's sender to count every outbound call by its result. */
export function meteredSender(sender: PlatformSender, metrics: Metrics): PlatformSender {
  const count = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      metrics.sends.inc({ platform: sender.platform, operation, result: 'ok' });
      return result;
    } catch (e) {
      metrics.sends.inc({ platform: sender.platform, operation, result: e instanceof SendError ? e.kind : 'error' });
      throw e;
    }
  };
  // Inherit from the sender so optional capabilities (file uploads) stay available.
  const metered = Object.create(sender) as PlatformSender;
  metered.send = (target, message) => count('send', () => sender.send(target, message));
  metered.update = (target, id, message) => count('update', () => sender.update(target, id, message));
  metered.openDm = (user) => count('openDm', () => sender.openDm(user));
  return metered;
}
