/**
 * Bad input from the user (an unknown program, a bad flag value, a missing data folder, a
 * checkpoint of another model): the CLI prints its message, one line saying what is wrong and
 * what to do, and exits with code 2, before anything is written.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
