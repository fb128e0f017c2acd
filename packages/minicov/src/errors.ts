// The one error type the plugin throws for anything a user can fix: what happened, then what to do.

/** A failure the user can act on: `message` says what went wrong, `fix` says what to do about it. */
export class MinicovError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(`${message}\n  fix: ${fix}`);
    this.name = new.target.name;
  }
}
