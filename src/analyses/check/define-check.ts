import type { Catalog } from '../../catalog/index.js';
import type { Fix, InputError, Location, PolicyDocument, Severity, Statement } from '../../model/index.js';
import type { PolicyView } from './policy-view.js';

/** What a check says about itself: the registry, docs, SARIF rules and `--help` read this. */
export interface CheckMeta {
  /** Stable code, as the contract spells it. */
  code: string;
  severity: Severity;
  /** One line: what the finding means. */
  summary: string;
  /** Why it matters and how to fix it (Markdown, a few sentences). */
  description: string;
  /** A policy that must report this code and one that must not; the docs show both, tests run both. */
  examples: { invalid: unknown; valid: unknown };
}

export interface Report {
  statement: Statement | null;
  /** Statement index when the statement could not be read (parse errors); else taken from `statement`. */
  index?: number;
  action?: string;
  resource?: string;
  message: string;
  fix?: Fix;
  /** Defaults to the statement's (or the document's) location. */
  loc?: Location;
}

export interface CheckContext {
  readonly doc: PolicyDocument;
  readonly view: PolicyView;
  readonly catalog: Catalog;
  /** Problems the parser found; INVALID_POLICY reports them. */
  readonly parseErrors: readonly InputError[];
  report(r: Report): void;
}

export interface Check extends CheckMeta {
  run(ctx: CheckContext): void;
}

/** Identity function that gives each check file its type and a single place to grow metadata. */
export function defineCheck(check: Check): Check {
  return check;
}
