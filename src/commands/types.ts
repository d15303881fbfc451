/** One piece of a command's text after tokenising. `source` is the exact text it came from. */
export type Token =
  | { kind: 'word'; text: string; source: string }
  | { kind: 'quoted'; text: string; source: string }
  | { kind: 'option'; key: string; value: string; quoted: boolean; source: string }
  | { kind: 'mention'; userId: string; source: string };

export interface TokenizeError {
  kind: 'error';
  message: string;
}

/** What a command's parser receives once the text is tokenised and the options checked. */
export interface CommandArgs {
  /** Words and quoted strings, in order (lone dashes and commas left out). */
  positionals: string[];
  /** Mentioned user ids, in order. */
  mentions: string[];
  /** Option values by lower-case key. */
  options: Record<string, string>;
  raw: Token[];
}

export interface CommandContext {
  /** Today as YYYY-MM-DD in the caller's time zone. */
  today: string;
}

export type CommandErrorCode = 'UNKNOWN_COMMAND' | 'BAD_ARGUMENTS' | 'BAD_SYNTAX' | 'EMPTY';

/** What the user is told when a command cannot be parsed. */
export interface CommandError {
  code: CommandErrorCode;
  message: string;
  usage?: string;
  suggestion?: string;
}
