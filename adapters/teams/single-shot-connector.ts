/**
 * botbuilder's connector client sits on an @azure/core-client pipeline whose retry policy
 * retries 5xx and dropped connections with backoff, and waits out a 429's Retry-After
 * in-process. For outbox sends the outbox owns retries and Retry-After, so each proactive
 * turn's (fresh) connector client loses its retry phase and gains a request timeout.
 *
 * The pipeline is not part of botbuilder's typed API (ServiceClientContext keeps `client`
 * private), hence the structural look-up; test/e2e/senders checks it still takes effect.
 */
interface PipelineRequestLike {
  abortSignal?: AbortSignal;
}

interface PipelineLike {
  removePolicy(options: { phase?: 'Retry' }): unknown[];
  addPolicy(policy: {
    name: string;
    sendRequest(request: PipelineRequestLike, next: (request: PipelineRequestLike) => Promise<unknown>): Promise<unknown>;
  }): void;
}

function pipelineOf(connectorClient: unknown): PipelineLike | undefined {
  const pipeline = (connectorClient as { client?: { pipeline?: Partial<PipelineLike> } } | undefined)?.client?.pipeline;
  return typeof pipeline?.removePolicy === 'function' && typeof pipeline.addPolicy === 'function' ? (pipeline as PipelineLike) : undefined;
}

/** Returns false when the client does not look as expected (botbuilder changed): sends then still work, with its retries. */
export function makeSingleShot(connectorClient: unknown, timeoutMs: number): boolean {
  const pipeline = pipelineOf(connectorClient);
  if (!pipeline) return false;
  pipeline.removePolicy({ phase: 'Retry' });
  pipeline.addPolicy({
    name: 'missionPulseSendTimeout',
    // Our own timer rather than `request.timeout`: the HTTP client leaves that timer running
    // when the connection fails, which holds the process open for the full timeout.
    sendRequest: async (request, next) => {
      const timer = new AbortController();
      const handle = setTimeout(() => timer.abort(), timeoutMs);
      request.abortSignal = request.abortSignal ? AbortSignal.any([request.abortSignal, timer.signal]) : timer.signal;
      try {
        return await next(request);
      } finally {
        clearTimeout(handle);
      }
    },
  });
  return true;
}
