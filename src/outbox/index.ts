export type { EnqueueInput, EnqueueResult, OutboxError, OutboxItem, OutboxStatus, OutboxTarget } from './outbox-item';
export { SendError, type PlatformSender, type SendFailureKind, type SendResult } from './platform-sender';
export { Outbox, type OutboxOptions } from './queue/outbox';
export { OutboxRepository } from './queue/outbox-repository';
export { ensureOutboxIndexes } from './queue/indexes';
export { Dispatcher, type DispatcherOptions } from './dispatch/dispatcher';
export type { RunResult } from './dispatch/batch-run';
export type { ItemCallback } from './dispatch/failure-handler';
export {
  DEFAULT_RATE_LIMITS,
  resolveRateLimits,
  type PlatformLimits,
  type RateLimitConfig,
  type RateLimitOverrides,
} from './limits/rate-limits';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './limits/backoff';
export type { RateWindow } from './limits/sliding-window-limiter';
