import type { Finding, Fix, Severity } from '../../model/index.js';

/** One finding as the contract's `scopedown check --format json` prints it. */
export interface CheckFindingJson {
  code: string;
  severity: Severity;
  statement: number | null;
  sid: string | null;
  action?: string;
  resource?: string;
  message: string;
  fix?: Fix;
  /** Added to the contract's shape: where the finding points. */
  file: string;
  pointer: string;
  line: number;
  column: number;
}

/** A file that could not be read as a policy (exit 2). */
export interface CheckInputErrorJson {
  code: string;
  file: string;
  pointer: string;
  line: number;
  column: number;
  message: string;
}

export interface CheckOutputJson {
  findings: CheckFindingJson[];
  /** Files that could not be read as policies; their findings are INVALID_POLICY entries too. */
  errors: CheckInputErrorJson[];
  summary: { files: number; policies: number; findings: number; bySeverity: Record<Severity, number> };
}

export function findingToJson(f: Finding): CheckFindingJson {
  // Key order follows the contract's example; location fields come last.
  return {
    code: f.code,
    severity: f.severity,
    statement: f.statement,
    sid: f.sid,
    ...(f.action !== undefined && { action: f.action }),
    ...(f.resource !== undefined && { resource: f.resource }),
    message: f.message,
    ...(f.fix !== undefined && { fix: f.fix }),
    file: f.loc.file,
    pointer: f.loc.pointer,
    line: f.loc.line,
    column: f.loc.column,
  };
}
