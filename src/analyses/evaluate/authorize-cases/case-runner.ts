/**
 * The engine's acceptance tables: each case is the contract's `scopedown test` CASE (policy
 * documents as objects), run through parsePolicy → compilePolicySet → authorize, and its id cites
 * the AWS documentation rule it exercises. Doc names used in ids:
 *   IAM UG  IAM User Guide; "eval logic" = "Policy evaluation logic" and its pages ("How AWS
 *           enforcement code logic evaluates requests", "Cross-account policy evaluation logic").
 *   Orgs UG AWS Organizations User Guide (SCPs, RCPs).     KMS DG  AWS KMS Developer Guide.
 *   STS API AWS STS API Reference.
 */
import { expect, it } from 'vitest';
import { loadCatalog } from '../../../catalog/index.js';
import type {
  AuthorizationResult,
  ContextValue,
  Decision,
  Explanation,
  Principal,
} from '../../../model/index.js';
import { parsePolicy } from '../../../sources/index.js';
import { authorize, compilePolicySet, type NamedPolicy } from '../authorize.js';
import type { ResourceKind } from '../decide.js';

export type Doc = Record<string, unknown>;

export interface PolicyCase {
  principal: Principal;
  action: string;
  resource: string;
  resourceAccount?: string;
  /** The request context; keys the principal and resource imply are added by the engine. */
  context?: Record<string, ContextValue>;
  policies: {
    identity?: Doc[];
    permissionsBoundary?: Doc | null;
    sessionPolicy?: Doc | null;
    resourcePolicy?: Doc | null;
    resourceKind?: ResourceKind;
    scps?: Doc[][] | null;
    rcps?: Doc[][] | null;
  };
  /**
   * The decision. `Deny` accepts either kind of deny: for the few rules where AWS documents that
   * the request is denied but not whether the deny counts as explicit (an SCP or RCP level
   * without an Allow: aws-facts §5.1).
   */
  expect: Decision | 'Deny';
  /** Sids that must sit in these explanation buckets: the statements that decided. */
  sids?: Partial<Record<'allows' | 'denies' | 'notMatched' | 'errors', string[]>>;
  /** The answer must carry an error matching this; without it, the answer must carry none. */
  error?: RegExp;
}

export type CaseRow = [id: string, c: PolicyCase];

const catalog = loadCatalog();

function parsed(doc: Doc, name: string): NamedPolicy {
  const { document, errors } = parsePolicy(JSON.stringify(doc), name);
  if (!document || errors.length > 0)
    throw new Error(`${name} is not a valid policy: ${errors.map((e) => e.message).join('; ')}`);
  return { name, document };
}

export function evaluateCase(c: Omit<PolicyCase, 'expect'>, explain = true): AuthorizationResult {
  const p = c.policies;
  const one = (doc: Doc | null | undefined, name: string) => (doc ? parsed(doc, name) : null);
  const levels = (l: Doc[][] | null | undefined, kind: string) =>
    l ? l.map((level, i) => level.map((doc, j) => parsed(doc, `${kind}-${i}-${j}`))) : null;
  const set = compilePolicySet({
    identity: (p.identity ?? []).map((doc, i) => parsed(doc, `identity-${i}`)),
    permissionsBoundary: one(p.permissionsBoundary, 'boundary'),
    sessionPolicy: one(p.sessionPolicy, 'session'),
    resourcePolicy: one(p.resourcePolicy, 'resource'),
    resourceKind: p.resourceKind ?? 'generic',
    scps: levels(p.scps, 'scp'),
    rcps: levels(p.rcps, 'rcp'),
  });
  return authorize(
    set,
    {
      principal: c.principal,
      action: c.action,
      resource: c.resource,
      ...(c.resourceAccount !== undefined ? { resourceAccount: c.resourceAccount } : {}),
      context: c.context ?? {},
    },
    catalog,
    { explain },
  );
}

function sidsIn(ex: Explanation, bucket: keyof NonNullable<PolicyCase['sids']>): (string | null)[] {
  return ex[bucket].map((s) => s.sid);
}

/** One `it` per row; ids must be unique and end with the documentation they cite, in parentheses. */
export function runCases(rows: CaseRow[]): void {
  const ids = rows.map(([id]) => id);
  it('has unique ids that cite their documentation', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/\(.+\)$/);
  });
  it.each(rows)('%s', (_id, c) => {
    const result = evaluateCase(c);
    const why = `${result.explanation.reason}; errors: ${result.errors.join(' | ') || 'none'}`;
    if (c.expect === 'Deny') expect(result.decision, why).not.toBe('Allow');
    else expect(result.decision, why).toBe(c.expect);
    if (c.error) expect(result.errors.join('\n'), why).toMatch(c.error);
    else expect(result.errors, why).toEqual([]);
    for (const [bucket, sids] of Object.entries(c.sids ?? {})) {
      const b = bucket as keyof NonNullable<PolicyCase['sids']>;
      for (const sid of sids) expect(sidsIn(result.explanation, b), `${bucket} of: ${why}`).toContain(sid);
    }
  });
}

// Principals and resources the tables share. Account A is the caller's, B another one.
export const A = '111122223333';
export const B = '444455556666';
export const ROLE = 'app-task-role';
export const ROLE_ARN = `arn:aws:iam::${A}:role/${ROLE}`;
export const SESSION_ARN = `arn:aws:sts::${A}:assumed-role/${ROLE}/8f2b6e1c`;
export const BUCKET = 'arn:aws:s3:::app-bucket';
export const OBJECT = `${BUCKET}/data/file.json`;
export const QUEUE_A = `arn:aws:sqs:us-east-1:${A}:app-queue`;
export const QUEUE_B = `arn:aws:sqs:us-east-1:${B}:shared-queue`;
export const KEY_A = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const KEY_B = `arn:aws:kms:us-east-1:${B}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;

/** A session of a role (the ECS task role by default), as the contract's CASE names one. */
export function session(
  opts: { account?: string; role?: string; name?: string; path?: string } & Pick<
    Principal,
    'tags' | 'userid'
  > = {},
): Principal {
  const account = opts.account ?? A;
  const role = opts.role ?? ROLE;
  const p: Principal = {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${opts.name ?? '8f2b6e1c'}`,
    roleArn: `arn:aws:iam::${account}:role${opts.path ?? '/'}${role}`,
    account,
  };
  if (opts.tags) p.tags = opts.tags;
  if (opts.userid) p.userid = opts.userid;
  return p;
}

export function user(name: string, account = A): Principal {
  return { type: 'User', arn: `arn:aws:iam::${account}:user/${name}`, account };
}

export function service(name: string): Principal {
  return { type: 'Service', arn: name };
}

/** A policy document (Version 2012-10-17) of the given statements. */
export function policy(...statements: Doc[]): Doc {
  return { Version: '2012-10-17', Statement: statements };
}

type Elements = Omit<Doc, 'Effect'>;

export function allow(action: string | string[], resource: string | string[], more: Elements = {}): Doc {
  return { Effect: 'Allow', Action: action, Resource: resource, ...more };
}

export function deny(action: string | string[], resource: string | string[], more: Elements = {}): Doc {
  return { Effect: 'Deny', Action: action, Resource: resource, ...more };
}

/** AWS's FullAWSAccess / RCPFullAWSAccess: the Allow every SCP / RCP level starts with. */
export const FULL_ACCESS = policy({ Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' });
export const RCP_FULL_ACCESS = policy({
  Sid: 'RCPFullAWSAccess',
  Effect: 'Allow',
  Principal: '*',
  Action: '*',
  Resource: '*',
});
