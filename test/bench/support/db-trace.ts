import type { Connection } from 'mongoose';

interface Shape {
  count: number;
  totalMs: number;
  maxMs: number;
}

/** The filter's shape: field names and operators, values left out ({"missionId":"?"}). */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        k.startsWith('$') || (v && typeof v === 'object') ? shapeOf(v) : '?',
      ]),
    );
  }
  return '?';
}

function describe(command: Record<string, unknown>, name: string): string {
  const collection = String(command[name] ?? '');
  const filter =
    command.filter ??
    command.query ??
    (command.updates as Array<{ q: unknown }> | undefined)?.[0]?.q ??
    (command.deletes as Array<{ q: unknown }> | undefined)?.[0]?.q;
  const pipeline = command.pipeline ? ` pipeline ${JSON.stringify(shapeOf(command.pipeline))}` : '';
  return `${name} ${collection}${filter ? ` ${JSON.stringify(shapeOf(filter))}` : ''}${command.sort ? ` sort ${JSON.stringify(command.sort)}` : ''}${pipeline}`;
}

/**
 * Times every database command the bot sends, grouped by collection and filter shape, so a
 * scenario can say which queries its time went to (BENCH_DB_TRACE=1). Costs a little CPU.
 */
export function traceDatabase(conn: Connection): () => Array<{ shape: string } & Shape> {
  const started = new Map<number, { shape: string; at: number }>();
  const shapes = new Map<string, Shape>();
  const client = conn.getClient();
  client.on('commandStarted', (ev: { requestId: number; commandName: string; command: Record<string, unknown> }) => {
    started.set(ev.requestId, { shape: describe(ev.command, ev.commandName), at: performance.now() });
  });
  const finish = (ev: { requestId: number }): void => {
    const s = started.get(ev.requestId);
    if (!s) return;
    started.delete(ev.requestId);
    const ms = performance.now() - s.at;
    const shape = shapes.get(s.shape) ?? { count: 0, totalMs: 0, maxMs: 0 };
    shape.count++;
    shape.totalMs += ms;
    shape.maxMs = Math.max(shape.maxMs, ms);
    shapes.set(s.shape, shape);
  };
  client.on('commandSucceeded', finish);
  client.on('commandFailed', finish);
  return () =>
    [...shapes.entries()]
      .map(([shape, s]) => ({ shape, ...s, totalMs: Math.round(s.totalMs), maxMs: Math.round(s.maxMs) }))
      .sort((a, b) => b.totalMs - a.totalMs);
}
