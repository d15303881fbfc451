import type { Clock } from './domain/clock';
import type { ConversationRef, Platform, UserRef } from './domain/identity';
import { InboundWork } from './inbound-work';
import { Scheduler } from './jobs/scheduler';
import type { Logger } from './logger';
import { meteredSender } from './metrics/metered-sender';
import type { Metrics } from './metrics/metrics';
import { Dispatcher, ensureOutboxIndexes, Outbox, OutboxRepository, type DispatcherOptions } from './outbox';
import type { PlatformSender } from './outbox/platform-sender';
import type { DmDirectory } from './platform';
import type { ServiceContext } from './services/context';
import { createServices, type Services } from './services/create-core';
import type { Store } from './store/store';

/** Everything that runs on one store: services, outbox, dispatcher and scheduler. */
export interface Runtime {
  ctx: ServiceContext;
  services: Services;
  scheduler: Scheduler;
  directory: DmDirectory;
  /** Inbound handlers in progress (the adapters report them; Slack's outlive the HTTP answer). */
  inbound: InboundWork;
  /** Set once the platforms' senders are known (after the adapters are mounted). */
  dispatcher?: Dispatcher;
  startDispatcher(senders: Map<Platform, PlatformSender>, options?: Partial<DispatcherOptions>): Dispatcher;
  stop(opts?: { deadlineMs?: number }): Promise<void>;
}

export async function createRuntime(opts: { store: Store; clock: Clock; logger: Logger; metrics?: Metrics }): Promise<Runtime> {
  const { store, clock, logger } = opts;
  let dispatcher: Dispatcher | undefined;
  // The dispatcher hears of new items through the outbox's local feed (same connection): no hook to wire.
  const outbox = new Outbox(store.connection, { clock });
  const outboxItems = new OutboxRepository(store.connection, clock);
  await ensureOutboxIndexes(store.connection);
  const ctx: ServiceContext = { store, clock, logger, outbox, outboxItems };
  const services = createServices(ctx);
  const scheduler = new Scheduler(
    ctx,
    services.rounds,
    undefined,
    opts.metrics ? (seconds) => opts.metrics?.jobDuration.observe({ job: 'scheduler-tick' }, seconds) : undefined,
  );
  // Nightly: answers past each mission's retention period, and finished outbox items after 30 days.
  scheduler.passes.push({ name: 'retention', run: () => services.privacy.applyRetention() });
  scheduler.passes.push({
    name: 'outbox-purge',
    run: async () => {
      const now = clock.now();
      if (await store.jobs.claim(`outbox-purge:${now.toISOString().slice(0, 10)}`, now)) {
        await outbox.purgeFinished(new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000));
      }
    },
  });
  const directory: DmDirectory = {
    async findDm(user: UserRef): Promise<ConversationRef | undefined> {
      return (await store.people.get(user))?.dm;
    },
  };
  const runtime: Runtime = {
    ctx,
    services,
    scheduler,
    directory,
    inbound: new InboundWork(),
    startDispatcher(senders, options = {}) {
      const metered = opts.metrics ? new Map([...senders].map(([p, s]) => [p, meteredSender(s, opts.metrics!)] as const)) : senders;
      dispatcher = new Dispatcher({
        connection: store.connection,
        senders: metered,
        clock,
        logger,
        replicaId: store.replicaId,
        onFailed: (item) => services.notices.failed(item),
        onUnreachable: (item) => services.notices.unreachable(item),
        ...options,
      });
      runtime.dispatcher = dispatcher;
      dispatcher.start();
      return dispatcher;
    },
    async stop(stopOpts = {}) {
      const deadlineMs = stopOpts.deadlineMs ?? 10_000;
      const started = Date.now();
      await scheduler.stop();
      // What the handlers of requests already answered still write (and enqueue) goes first.
      await finishedWithin(runtime.inbound.idle(), deadlineMs);
      await dispatcher?.stop({ deadlineMs: Math.max(0, deadlineMs - (Date.now() - started)) });
    },
  };
  return runtime;
}

/** Waits for `work`, but no longer than `ms`. */
async function finishedWithin(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
