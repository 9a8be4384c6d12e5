import type { Located, Location } from './location.js';

export type Effect = 'Allow' | 'Deny';
export type PolicyVersion = '2012-10-17' | '2008-10-17';

/** The principal types IAM knows in Principal / NotPrincipal maps. */
export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

/** `"Principal": "*"` is `{ wildcard: true }`; a map lists each value with its type. */
export interface PrincipalBlock {
  wildcard: boolean;
  entries: Array<{ type: PrincipalType; value: Located<string> }>;
  loc: Location;
}

export type ConditionValue = string | number | boolean;

/** One `"Operator": { "key": values }` pair; a Condition block is a list of these (AND). */
export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: Located<string>;
  key: Located<string>;
  /** Values as written (JSON type kept, so type mismatches can be reported); OR between them. */
  values: Array<Located<ConditionValue>>;
  loc: Location;
}

export interface Statement {
  /** Position in the Statement list (0 when Statement is a single object). */
  index: number;
  sid?: Located<string>;
  effect: Located<Effect>;
  action?: Array<Located<string>>;
  notAction?: Array<Located<string>>;
  resource?: Array<Located<string>>;
  notResource?: Array<Located<string>>;
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  condition: ConditionClause[];
  loc: Location;
}

export interface PolicyDocument {
  /** Absent when the document has no Version: policy variables are then literal text. */
  version?: Located<string>;
  id?: Located<string>;
  statements: Statement[];
  /** Where the document itself starts (inside a wrapper, if any). */
  loc: Location;
  /** The wrapper the document was found in, e.g. `get-policy-version`, or `plain`. */
  wrapper: string;
}

/** Effective version: missing means 2008-10-17 semantics for policy variables. */
export function effectiveVersion(doc: PolicyDocument): PolicyVersion {
  return doc.version?.value === '2012-10-17' ? '2012-10-17' : '2008-10-17';
}
