import type { Location } from './location.js';

/** Ordered from most to least urgent: `--fail-on error` also fails on `security`. */
export const SEVERITIES = ['security', 'error', 'warning', 'suggestion'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

/** True when `s` is at or above `threshold`. */
export function atOrAbove(s: Severity, threshold: Severity): boolean {
  return severityRank(s) >= severityRank(threshold);
}

/** A mechanical fix a tool can apply; at most one of these per finding. */
export interface Fix {
  addResource?: string;
  replaceResource?: { from: string; to: string };
  replaceAction?: { from: string; to: string };
  removeAction?: string;
  replaceOperator?: { from: string; to: string };
  setVersion?: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  /** Statement index, or null for document-level findings. */
  statement: number | null;
  sid: string | null;
  action?: string;
  resource?: string;
  message: string;
  fix?: Fix;
  /** The exact place the finding points at. */
  loc: Location;
}
