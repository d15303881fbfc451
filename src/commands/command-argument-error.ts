/** Thrown inside a command's parser when its arguments are wrong; becomes a BAD_ARGUMENTS result. */
export class CommandArgumentError extends Error {
  readonly code = 'BAD_ARGUMENTS' as const;

  constructor(
    message: string,
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = 'CommandArgumentError';
  }
}
