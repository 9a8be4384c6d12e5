import { Command, CommanderError, Option } from 'commander';
import type { CommandSpec } from './command.js';
import { auditCommand } from './commands/audit.js';
import { checkCommand } from './commands/check.js';
import { simulateCommand } from './commands/simulate.js';
import { testCommand } from './commands/test.js';
import { usageCommand } from './commands/usage.js';
import { ExitCode, type Io, UsageError } from './io.js';
import { VERSION } from './version.js';

/** Every command, in `--help` order. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds commands of different option types
export const COMMANDS: ReadonlyArray<CommandSpec<any>> = [
  checkCommand,
  auditCommand,
  usageCommand,
  simulateCommand,
  testCommand,
];

/** What argv asks for, without running it: tests and docs use this. */
export interface ParsedCli {
  // biome-ignore lint/suspicious/noExplicitAny: see COMMANDS
  command: CommandSpec<any>;
  options: Record<string, unknown>;
  args: string[];
}

function buildProgram(io: Io, onAction: (p: ParsedCli) => void): Command {
  const program = new Command('scopedown')
    .description('Take AWS ECS task IAM roles down to least privilege.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');
  for (const spec of COMMANDS) {
    const cmd = program.command(spec.name).description(spec.summary).exitOverride();
    if (spec.args) cmd.argument(spec.args, spec.argsDescription ?? '');
    for (const o of spec.options) {
      const opt = new Option(o.flags, o.description);
      if (o.choices) opt.choices([...o.choices]);
      if (o.default !== undefined) opt.default(o.default);
      if (o.repeatable) opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
      cmd.addOption(opt);
    }
    if (spec.examples?.length)
      cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
    cmd.action((...received: unknown[]) => {
      const command = received[received.length - 1] as Command;
      const args = received.slice(0, -2).flatMap((a) => (Array.isArray(a) ? (a as string[]) : [a as string]));
      onAction({ command: spec, options: command.opts(), args });
    });
  }
  return program;
}

/** Parses argv (without node and script); undefined when commander already answered (help, version). */
export function parseCli(argv: string[], io: Io): ParsedCli | undefined {
  let parsed: ParsedCli | undefined;
  buildProgram(io, (p) => {
    parsed = p;
  }).parse(argv, { from: 'user' });
  return parsed;
}

/** Runs the CLI; returns the exit code instead of exiting. */
export async function runCli(argv: string[], io: Io): Promise<ExitCode> {
  let parsed: ParsedCli | undefined;
  try {
    parsed = parseCli(argv, io);
  } catch (e) {
    if (e instanceof CommanderError) {
      const helpish =
        e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help';
      return helpish ? ExitCode.Ok : ExitCode.BadInput;
    }
    throw e;
  }
  if (!parsed) {
    io.stderr.write(buildProgram(io, () => {}).helpInformation());
    return ExitCode.BadInput;
  }
  try {
    return await parsed.command.run(parsed.options, parsed.args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`scopedown ${parsed.command.name}: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
