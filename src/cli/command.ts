import { SEVERITIES } from '../model/index.js';
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

/** `--fail-on`, the same for every command that reports findings. */
export const FAIL_ON_OPTION: OptionSpec = {
  flags: '--fail-on <severity>',
  description: 'exit 1 when a finding is at or above this severity (security > error > warning > suggestion)',
  choices: SEVERITIES,
  default: 'error',
};
