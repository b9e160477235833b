/** A mistake in how tegum was called (exit 2, one line, no file to blame). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
