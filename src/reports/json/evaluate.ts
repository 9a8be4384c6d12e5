import type {
  AuthorizationResult,
  Decision,
  Explanation,
  NotMatched,
  StatementError,
  StatementRef,
} from '../../model/index.js';

/** A statement as the JSON output names it: policy, statement index and Sid, and where it is. */
export interface StatementRefJson {
  policyType: string;
  policy: string;
  level?: number;
  statement: number;
  sid: string | null;
  effect: 'Allow' | 'Deny';
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
}

export interface ExplanationJson {
  reason: string;
  allowedBy: StatementRefJson[];
  deniedBy: StatementRefJson[];
  notMatched: Array<StatementRefJson & { reason: NotMatched['reason']; detail: string }>;
  errors: Array<StatementRefJson & { message: string }>;
}

export interface SimulateOutputJson {
  decision: Decision;
  explanation: ExplanationJson;
  /** Problems that make the answer unreliable; the command then exits 2. */
  errors: string[];
}

export interface TestCaseResultJson {
  id: string;
  decision: Decision;
  expect: Decision | null;
  pass: boolean | null;
  explanation: ExplanationJson;
  errors: string[];
  file: string;
  line: number;
  pointer: string;
}

export interface TestOutputJson {
  results: TestCaseResultJson[];
  summary: { cases: number; passed: number; failed: number; withoutExpect: number; errors: number };
}

export function refToJson(ref: StatementRef): StatementRefJson {
  const out: StatementRefJson = {
    policyType: ref.policyKind,
    policy: ref.policy,
    statement: ref.statement,
    sid: ref.sid,
    effect: ref.effect,
  };
  if (ref.level !== undefined) out.level = ref.level;
  if (ref.loc)
    Object.assign(out, {
      file: ref.loc.file,
      line: ref.loc.line,
      column: ref.loc.column,
      pointer: ref.loc.pointer,
    });
  return out;
}

export function explanationToJson(e: Explanation): ExplanationJson {
  return {
    reason: e.reason,
    allowedBy: e.allows.map(refToJson),
    deniedBy: e.denies.map(refToJson),
    notMatched: e.notMatched.map((n) => ({ ...refToJson(n), reason: n.reason, detail: n.detail })),
    errors: e.errors.map((x: StatementError) => ({ ...refToJson(x), message: x.message })),
  };
}

export function simulateToJson(r: AuthorizationResult): SimulateOutputJson {
  return { decision: r.decision, explanation: explanationToJson(r.explanation), errors: r.errors };
}
