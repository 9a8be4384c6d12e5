import pc from 'picocolors';
import type { CaseResult } from '../api/evaluate.js';
import { explanationToJson, type TestOutputJson } from './json/evaluate.js';
import { renderExplanation } from './text/evaluate.js';

export function testToJson(results: readonly CaseResult[]): TestOutputJson {
  return {
    results: results.map(({ case: c, result, pass }) => ({
      id: c.id,
      decision: result.decision,
      expect: c.expect ?? null,
      pass,
      explanation: explanationToJson(result.explanation),
      errors: result.errors,
      file: c.loc.file,
      line: c.loc.line,
      pointer: c.loc.pointer,
    })),
    summary: {
      cases: results.length,
      passed: results.filter((r) => r.pass === true).length,
      failed: results.filter((r) => r.pass === false).length,
      withoutExpect: results.filter((r) => r.pass === null).length,
      errors: results.filter((r) => r.result.errors.length > 0).length,
    },
  };
}

/** One line per case; a failure says where the case is and which statements decided or nearly did. */
export function renderTestText(
  results: readonly CaseResult[],
  opts: { colour: boolean; verbose: boolean },
): string {
  const c = (f: (s: string) => string, s: string) => (opts.colour ? f(s) : s);
  const out: string[] = [];
  for (const { case: tc, result, pass } of results) {
    const at = `${tc.loc.file}:${tc.loc.line} ${tc.loc.pointer}`;
    if (result.errors.length) {
      out.push(`${c(pc.red, 'ERROR')} ${tc.id}: ${result.errors.join('; ')} (${at})`);
      continue;
    }
    if (pass === false) {
      out.push(
        `${c(pc.red, 'FAIL')} ${tc.id}: expected ${tc.expect}, got ${result.decision}: ${result.explanation.reason} (${at})`,
      );
      out.push(renderExplanation(result.explanation, '    ', 5).trimEnd());
    } else {
      out.push(`${c(pass ? pc.green : pc.dim, pass ? 'PASS' : 'RAN ')} ${tc.id}: ${result.decision}`);
      if (opts.verbose) out.push(renderExplanation(result.explanation, '    ', 5).trimEnd());
    }
  }
  const s = testToJson(results).summary;
  out.push(
    `${s.passed} passed, ${s.failed} failed${s.withoutExpect ? `, ${s.withoutExpect} without expect` : ''}${s.errors ? `, ${s.errors} in error` : ''}`,
  );
  return `${out.filter((l) => l !== '').join('\n')}\n`;
}
