import type { Location } from './location.js';

export type Decision = 'Allow' | 'ImplicitDeny' | 'ExplicitDeny';

/** The kinds of policy the engine weighs, as they are named in explanations. */
export type PolicyKind =
  | 'identity'
  | 'permissions boundary'
  | 'session'
  | 'resource'
  | 'kms key'
  | 'role trust'
  | 'service control'
  | 'resource control';

/** Why a statement did not apply to the request. */
export type NotMatchedReason = 'action' | 'resource' | 'principal' | 'condition';

export interface StatementRef {
  policyKind: PolicyKind;
  /** The policy's name: its file or the name given in a test case. */
  policy: string;
  /** For SCPs and RCPs: the level (0 = root). */
  level?: number;
  statement: number;
  sid: string | null;
  effect: 'Allow' | 'Deny';
  loc?: Location;
}

export interface NotMatched extends StatementRef {
  reason: NotMatchedReason;
  /** One line: which key or element failed and with which values. */
  detail: string;
}

export interface StatementError extends StatementRef {
  message: string;
}

/** Every statement of every policy, sorted into one bucket each. */
export interface Explanation {
  allows: StatementRef[];
  denies: StatementRef[];
  notMatched: NotMatched[];
  errors: StatementError[];
  /** The rule that decided, in words, e.g. "no identity-based policy allows s3:PutObject". */
  reason: string;
}

export interface AuthorizationResult {
  decision: Decision;
  explanation: Explanation;
  /** Problems that make the answer unreliable (unknown operator in a Deny, malformed request): exit 2. */
  errors: string[];
}
