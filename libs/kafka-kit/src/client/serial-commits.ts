/**
 * Offset commits of one consumer, one at a time and in order: a commit started without waiting
 * (at the end of a batch) and one awaited (inside a batch, on shutdown) never overtake each
 * other. The failure of one nobody waited for is thrown by the next `rethrow()`.
 */
export class SerialCommits {
  private tail: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  /** Runs `commit` after the commits before it; settles as it does. */
  now(commit: () => Promise<void>): Promise<void> {
    const run = this.tail.then(commit);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Starts `commit` after the commits before it, without waiting for it. */
  later(commit: () => Promise<void>): void {
    this.now(commit).catch((error: unknown) => {
      this.failure ??= { error };
    });
  }

  /** Throws the first failure of a commit started with `later()`, once. */
  rethrow(): void {
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure.error;
  }
}
