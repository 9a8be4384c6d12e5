import type { CheckMeta } from '../analyses/check/index.js';
import type { CheckResult } from '../api/check.js';
import { SEVERITIES, type Severity } from '../model/index.js';
import { type CheckOutputJson, findingToJson } from './json/check.js';
import { renderSarif } from './sarif/check.js';
import { renderFindingsText, summaryLine } from './text/findings.js';

export function checkToJson(result: CheckResult): CheckOutputJson {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of result.findings) bySeverity[f.severity]++;
  return {
    findings: result.findings.map(findingToJson),
    errors: result.errors.map((e) => ({ ...e })),
    summary: { files: result.files, policies: result.policies, findings: result.findings.length, bySeverity },
  };
}

export async function renderCheck(
  result: CheckResult,
  format: 'text' | 'json' | 'sarif',
  opts: { colour: boolean; cwd: string; rules: readonly CheckMeta[]; version: string },
): Promise<string> {
  if (format === 'json') return `${JSON.stringify(checkToJson(result), null, 2)}\n`;
  if (format === 'sarif')
    return `${JSON.stringify(renderSarif(result.findings, opts.rules, opts.version, opts.cwd), null, 2)}\n`;
  const unreadable = new Set(result.errors.map((e) => e.file));
  // Unreadable files are reported on stderr; keep the text view to findings on readable ones.
  const shown = result.findings.filter((f) => !unreadable.has(f.loc.file));
  return renderFindingsText(shown, [], opts.colour) + summaryLine(result.files, shown, unreadable.size);
}
