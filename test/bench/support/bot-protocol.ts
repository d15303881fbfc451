/** What the bench asks of the bot process over IPC. */
export type BotRequest =
  | { op: 'usage' }
  | { op: 'tick' }
  | { op: 'digest'; missionId: string; roundId: string; repeat: number; budgetMs: number }
  | { op: 'dbTrace' };

export type BotResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface BotUsage {
  /** User + system CPU since the process started. */
  cpuMs: number;
  rssBytes: number;
  heapUsedBytes: number;
}

export interface TickAnswer {
  ms: number;
  result: { opened: number; reminded: number; closed: number };
}

export interface DigestAnswer {
  runs: Array<{ totalMs: number; buildMs: number; slackMs: number; teamsMs: number }>;
  /** The reads alone, timed once after the builds. */
  loadMs: number;
  sizes: { slackBlocks: number; slackBytes: number; teamsBytes: number; chartBytes: number };
}

export type DbTraceAnswer = Array<{ shape: string; count: number; totalMs: number; maxMs: number }>;
