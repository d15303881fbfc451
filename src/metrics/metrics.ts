import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The operator's view in Prometheus format. One registry per app instance, so tests (and two
 * "replicas" in one process) never share counters.
 */
export interface Metrics {
  registry: Registry;
  requests: Counter<'platform' | 'outcome'>;
  sends: Counter<'platform' | 'operation' | 'result'>;
  jobDuration: Histogram<'job'>;
  dbLatency: Histogram<'command'>;
  outboxDepth: Gauge<'status'>;
  outboxOldestAge: Gauge;
}

export interface OutboxSnapshot {
  countByStatus(): Promise<Record<string, number>>;
  oldestPendingAge(): Promise<number>;
}

export function createMetrics(outbox?: OutboxSnapshot): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mission_pulse_' });
  return {
    registry,
    requests: new Counter({
      name: 'mission_pulse_requests_total',
      help: 'Inbound platform requests by platform and outcome (HTTP status class).',
      labelNames: ['platform', 'outcome'],
      registers: [registry],
    }),
    sends: new Counter({
      name: 'mission_pulse_sends_total',
      help: 'Outbound platform calls by platform, operation and result.',
      labelNames: ['platform', 'operation', 'result'],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'mission_pulse_job_duration_seconds',
      help: 'Duration of scheduled jobs.',
      labelNames: ['job'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    dbLatency: new Histogram({
      name: 'mission_pulse_db_command_seconds',
      help: 'Database command latency by command name.',
      labelNames: ['command'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    outboxDepth: new Gauge({
      name: 'mission_pulse_outbox_items',
      help: 'Outbox items by status.',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        if (!outbox) return;
        for (const [status, n] of Object.entries(await outbox.countByStatus())) this.set({ status }, n);
      },
    }),
    outboxOldestAge: new Gauge({
      name: 'mission_pulse_outbox_oldest_pending_seconds',
      help: 'Age of the oldest due, unsent outbox item.',
      registers: [registry],
      async collect() {
        if (outbox) this.set((await outbox.oldestPendingAge()) / 1000);
      },
    }),
  };
}
