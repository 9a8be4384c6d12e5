import type { ExitCode, Io } from './io.js';

export interface OptionSpec {
  /** Commander flag syntax, e.g. `--format <format>`. */
  flags: string;
  description: string;
  choices?: readonly string[];
  default?: string | boolean | string[];
  /** Repeatable (`--policy a --policy b`). */
  repeatable?: boolean;
}

/** A command as data: the CLI, `--help` and docs/cli.md are all built from this. */
export interface CommandSpec<O> {
  name: string;
  summary: string;
  /** Commander argument syntax, e.g. `<paths...>`. */
  args?: string;
  argsDescription?: string;
  options: readonly OptionSpec[];
  examples?: readonly string[];
  /** Receives parsed options (camelCase keys) and positional arguments. */
  run(options: O, args: string[], io: Io): Promise<ExitCode>;
}

export function defineCommand<O>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}
