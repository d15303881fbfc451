import * as loadtest from 'loadtest';

/** One request of a steady load: built at send time, so signatures and timestamps are fresh. */
export interface SteadyRequest {
  body: string;
  headers: Record<string, string>;
}

export interface SteadyResult {
  p50: number;
  p99: number;
  max: number;
  total: number;
  /** Answers other than 2xx, and requests that failed or timed out. */
  failed: number;
  /** Answers whose body matched `refusedIf` (e.g. the bot's per-person command limit). */
  refused: number;
  seconds: number;
}

/** What loadtest 8 really passes and returns (its bundled typings predate its promise API). */
interface Sent {
  write(body: string): void;
  end(): void;
}
type Client = (options: unknown, callback: unknown) => Sent;
interface RunResult {
  percentiles: Record<string, number>;
  maxLatencyMs: number;
  totalRequests: number;
  totalErrors: number;
  elapsedSeconds: number;
}
type LoadTest = (options: Record<string, unknown>) => Promise<RunResult>;

/**
 * An open-model load: one request every 1/rate seconds whatever the answers (loadtest's
 * high-resolution timer adds clients as needed), which is how platforms deliver traffic.
 * autocannon's `overallRate` instead sends each connection's quota back to back at the top of
 * every second, a burst of the whole second's requests (see ack-latency.ts).
 */
export async function steadyLoad(
  url: string,
  next: () => SteadyRequest,
  rate: number,
  seconds: number,
  refusedIf?: string,
): Promise<SteadyResult> {
  let refused = 0;
  let failed = 0;
  const run = (loadtest as unknown as { loadTest: LoadTest }).loadTest;
  const result = await run({
    url,
    method: 'POST',
    requestsPerSecond: rate,
    maxSeconds: seconds,
    concurrency: Math.max(10, Math.ceil(rate / 4)),
    agentKeepAlive: true,
    timeout: 10_000,
    quiet: true,
    statusCallback: (error: unknown, r?: { statusCode?: number; body?: string }) => {
      if (error || !r || (r.statusCode ?? 0) >= 300) failed++;
      else if (refusedIf && r.body?.includes(refusedIf)) refused++;
    },
    requestGenerator: (
      _params: unknown,
      options: { headers: Record<string, string | number> },
      client: Client,
      callback: unknown,
    ): Sent => {
      const { body, headers } = next();
      Object.assign(options.headers, headers, { 'content-length': Buffer.byteLength(body) });
      const sent = client(options, callback);
      sent.write(body);
      sent.end();
      return sent;
    },
  });
  return {
    p50: result.percentiles['50'] ?? 0,
    p99: result.percentiles['99'] ?? 0,
    max: result.maxLatencyMs,
    total: result.totalRequests,
    failed,
    refused,
    seconds: result.elapsedSeconds,
  };
}
