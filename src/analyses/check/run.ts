import type { Catalog } from '../../catalog/index.js';
import type { Finding, InputError, PolicyDocument } from '../../model/index.js';
import { CHECKS } from './checks/index.js';
import type { Check, Report } from './define-check.js';
import { buildPolicyView, ExpansionCache } from './policy-view.js';

export interface RunChecksOptions {
  /** Defaults to every registered check. */
  checks?: readonly Check[];
  /** Share one across many documents: pattern expansion is the costly part. */
  cache?: ExpansionCache;
}

/** Runs the checks over one parsed document (and the problems its parser found). */
export function runChecks(
  doc: PolicyDocument,
  parseErrors: readonly InputError[],
  catalog: Catalog,
  options: RunChecksOptions = {},
): Finding[] {
  const view = buildPolicyView(doc, options.cache ?? new ExpansionCache(catalog));
  const findings: Finding[] = [];
  for (const check of options.checks ?? CHECKS) {
    const report = (r: Report) => {
      const finding: Finding = {
        code: check.code,
        severity: check.severity,
        statement: r.statement?.index ?? r.index ?? null,
        sid: r.statement?.sid?.value ?? null,
        message: r.message,
        loc: r.loc ?? r.statement?.loc ?? doc.loc,
      };
      if (r.action !== undefined) finding.action = r.action;
      if (r.resource !== undefined) finding.resource = r.resource;
      if (r.fix !== undefined) finding.fix = r.fix;
      findings.push(finding);
    };
    check.run({ doc, view, catalog, parseErrors, report });
  }
  return findings.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
}

/** Findings for a file that could not be read as a policy at all. */
export function findingsForUnreadable(errors: readonly InputError[]): Finding[] {
  return errors.map((e) => ({
    code: 'INVALID_POLICY',
    severity: 'error',
    statement: null,
    sid: null,
    message: e.message,
    loc: { file: e.file, pointer: e.pointer, line: e.line, column: e.column },
  }));
}
