import { atOrAbove, type Finding, formatInputError, type Severity } from '../../model/index.js';
import { defineCommand, FAIL_ON_OPTION } from '../command.js';
import { ExitCode, progress, UsageError } from '../io.js';

export interface CheckOptions {
  format: 'text' | 'json' | 'sarif';
  failOn: Severity;
}

export const checkCommand = defineCommand<CheckOptions>({
  name: 'check',
  summary:
    'Lint IAM policy files: wildcards, the bucket/object ARN pitfall, unknown actions, escalation paths',
  args: '<paths...>',
  argsDescription: 'policy JSON files or folders (searched for *.json)',
  options: [
    {
      flags: '--format <format>',
      description: 'output format',
      choices: ['text', 'json', 'sarif'],
      default: 'text',
    },
    FAIL_ON_OPTION,
  ],
  examples: [
    'scopedown check examples/seed/task-role-policy.json',
    'scopedown check policies/ --format sarif > check.sarif',
  ],
  async run(options, paths, io) {
    const { checkPaths } = await import('../../api/check.js');
    const bar = progress(io);
    const result = await checkPaths(paths, { onProgress: (n) => bar.update(`checking: ${n} files read`) });
    bar.done();
    if (result.files === 0 && result.errors.length === 0) throw new UsageError('no policy files given');
    const [{ renderCheck }, { CHECKS }, { VERSION }] = await Promise.all([
      import('../../reports/check.js'),
      import('../../analyses/check/index.js'),
      import('../version.js'),
    ]);
    const colour = io.isTTY && !io.env.NO_COLOR;
    io.stdout.write(
      await renderCheck(result, options.format, { colour, cwd: io.cwd, rules: CHECKS, version: VERSION }),
    );
    // Unreadable files go to stderr in every format, one line each, so a pipeline sees them.
    for (const e of result.errors) io.stderr.write(`${formatInputError(e)}\n`);
    if (result.errors.length > 0) return ExitCode.BadInput;
    return result.findings.some((f: Finding) => atOrAbove(f.severity, options.failOn))
      ? ExitCode.Findings
      : ExitCode.Ok;
  },
});
