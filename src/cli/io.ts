/** Everything a command touches outside itself, so tests run commands in-process. */
export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Whether stderr is a terminal: progress and colour only then. */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /**
   * Runs `handler` on the next Ctrl-C instead of exiting (then Ctrl-C exits again); returns the
   * call that unregisters it. For work that must be undone when interrupted (a running Athena query).
   */
  onInterrupt?: (handler: () => void) => () => void;
}

/** The contract's exit codes. */
export const ExitCode = { Ok: 0, Findings: 1, BadInput: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Expected failures (bad usage, unreadable input) carry their exit code and a one-line message. */
export class UsageError extends Error {
  readonly exitCode: ExitCode = ExitCode.BadInput;
}

/** A progress line redrawn in place on a TTY; silent when piped. */
export function progress(io: Io): { update(text: string): void; done(): void } {
  if (!io.isTTY) return { update() {}, done() {} };
  let last = 0;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      io.stderr.write(`\r\x1b[K${text}`);
    },
    done() {
      io.stderr.write('\r\x1b[K');
    },
  };
}
