import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A goal a figure is held to: met when the value is at most (or at least) the bound. */
export interface Goal {
  op: '<=' | '>=' | '==';
  value: number;
}

/** One measured number, as printed in the table and written as one JSON line. */
export interface Figure {
  scenario: string;
  name: string;
  value: number;
  unit: string;
  params: Record<string, unknown>;
  goal?: Goal;
  met?: boolean;
  note?: string;
}

export type FigureInput = Omit<Figure, 'scenario' | 'met'>;

export function goalMet(value: number, goal: Goal): boolean {
  if (goal.op === '<=') return value <= goal.value;
  if (goal.op === '>=') return value >= goal.value;
  return value === goal.value;
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function goalText(f: Figure): string {
  if (!f.goal) return '';
  const op = f.goal.op === '<=' ? '≤' : f.goal.op === '>=' ? '≥' : '=';
  return `${op} ${formatValue(f.goal.value)} ${f.unit}`.trim();
}

function verdict(f: Figure): string {
  if (f.met === undefined) return '';
  return f.met ? 'met' : 'MISSED';
}

/**
 * Collects figures as scenarios report them: each is printed at once as a JSON line (so a long
 * run shows progress and a crash keeps what was measured), then as a table at the end, and
 * written to results.json (one object) and results.md (the table).
 */
export class Results {
  readonly figures: Figure[] = [];
  readonly notes: string[] = [];

  constructor(
    readonly meta: Record<string, unknown>,
    private readonly print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  add(scenario: string, input: FigureInput): Figure {
    const figure: Figure = { scenario, ...input, ...(input.goal ? { met: goalMet(input.value, input.goal) } : {}) };
    this.figures.push(figure);
    this.print(
      JSON.stringify({
        figure: `${scenario}.${figure.name}`,
        value: figure.value,
        unit: figure.unit,
        params: figure.params,
        ...(figure.goal ? { goal: `${figure.goal.op} ${figure.goal.value}`, met: figure.met } : {}),
      }),
    );
    return figure;
  }

  note(line: string): void {
    this.notes.push(line);
    this.print(`# ${line}`);
  }

  table(): string {
    const rows = this.figures.map((f) => [
      `${f.scenario}`,
      f.name,
      `${formatValue(f.value)} ${f.unit}`.trim(),
      goalText(f),
      verdict(f),
      f.note ?? '',
    ]);
    const header = ['scenario', 'figure', 'value', 'goal', '', 'note'];
    const lines = [header, ['---', '---', '---:', '---', '---', '---'], ...rows].map((r) => `| ${r.join(' | ')} |`);
    return lines.join('\n');
  }

  async write(dir: string): Promise<{ json: string; md: string }> {
    await fs.mkdir(dir, { recursive: true });
    const json = path.join(dir, 'results.json');
    const md = path.join(dir, 'results.md');
    await fs.writeFile(json, `${JSON.stringify({ ...this.meta, figures: this.figures, notes: this.notes }, null, 2)}\n`);
    const metaLines = Object.entries(this.meta).map(([k, v]) => `- ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
    const noteLines = this.notes.map((n) => `- ${n}`);
    await fs.writeFile(
      md,
      `# Mission Pulse benchmark\n\n${metaLines.join('\n')}\n\n${this.table()}\n${noteLines.length ? `\nNotes:\n\n${noteLines.join('\n')}\n` : ''}`,
    );
    return { json, md };
  }
}
