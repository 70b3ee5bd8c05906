// Typed errors: each entry point has one catch that turns these into a one-line message and an
// exit code. Anything else reaching that catch is a bug and is reported as such (still no stack
// unless --verbose).

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
/** Usage, config or git error, or an incomplete scan. */
export const EXIT_ERROR = 2;
export const EXIT_INTERRUPTED = 130;

export class LeakhoundError extends Error {
  readonly exitCode: number = EXIT_ERROR;
}

/** Bad command line: unknown path, bad option value. */
export class UsageError extends LeakhoundError {
  override name = 'UsageError';
}

/** A config or rule file with problems. Lists every problem, not just the first. */
export class ConfigError extends LeakhoundError {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      problems.length === 1
        ? `${file}: ${problems[0]}`
        : `${file}: ${problems.length} problems\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** The repository could not be read as a whole (not a repo, git missing, unsupported format). */
export class GitError extends LeakhoundError {
  override name = 'GitError';
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
