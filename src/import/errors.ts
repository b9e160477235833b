/**
 * Unusable input: the CLI prints `tegum: <file>: <reason>` and exits 2.
 * Anything else thrown is an internal failure (exit 1).
 */
export class InputError extends Error {
  readonly file: string;
  readonly reason: string;

  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'InputError';
    this.file = file;
    this.reason = reason;
  }
}
