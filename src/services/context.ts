import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import type { Outbox, OutboxRepository } from '../outbox';
import type { Store } from '../store/store';

/** What every service needs; built once in main.ts (or per test "replica"). */
export interface ServiceContext {
  store: Store;
  clock: Clock;
  logger: Logger;
  outbox: Outbox;
  outboxItems: OutboxRepository;
}
