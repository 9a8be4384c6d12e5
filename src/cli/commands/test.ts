import { formatInputError } from '../../model/index.js';
import { defineCommand } from '../command.js';
import { ExitCode, UsageError } from '../io.js';

export interface TestOptions {
  format: 'text' | 'json';
  verbose?: boolean;
}

export const testCommand = defineCommand<TestOptions>({
  name: 'test',
  summary: 'Run policy unit tests: a CASES.json of requests with expected decisions, as in CI',
  args: '<cases...>',
  argsDescription: 'CASES.json files ({"cases": [...]}, optional "policySets" and "principals")',
  options: [
    { flags: '--format <format>', description: 'output format', choices: ['text', 'json'], default: 'text' },
    { flags: '--verbose', description: 'explain passing cases too' },
  ],
  examples: ['scopedown test test/policy-cases.json', 'scopedown test cases/*.json --format json'],
  async run(o, files, io) {
    if (files.length === 0) throw new UsageError('no CASES.json file given');
    const { runTestFile } = await import('../../api/evaluate.js');
    const runs = [];
    for (const f of files) runs.push(await runTestFile(f));
    const inputErrors = runs.flatMap((r) => r.errors);
    for (const e of inputErrors) io.stderr.write(`${formatInputError(e)}\n`);
    const results = runs.flatMap((r) => r.results);
    const { testToJson, renderTestText } = await import('../../reports/test.js');
    const json = testToJson(results);
    if (o.format === 'json') io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    else
      io.stdout.write(
        renderTestText(results, { colour: io.isTTY && !io.env.NO_COLOR, verbose: Boolean(o.verbose) }),
      );
    if (inputErrors.length > 0 || json.summary.errors > 0) return ExitCode.BadInput;
    return json.summary.failed > 0 ? ExitCode.Findings : ExitCode.Ok;
  },
});
