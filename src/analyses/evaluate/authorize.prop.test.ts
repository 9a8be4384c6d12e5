/**
 * Properties of the whole engine over small random policy sets: an applicable explicit Deny
 * always wins; order never matters; adding an Allow never takes access away; adding a Deny never
 * grants it (IAM UG, "Policy evaluation logic": deny evaluation, "at least one Allow").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../model/index.js';
import {
  A,
  B,
  type Doc,
  evaluateCase,
  type PolicyCase,
  ROLE_ARN,
  SESSION_ARN,
  session,
} from './authorize-cases/case-runner.js';

const RUNS = { numRuns: 200 };

// Pools small enough that statements and requests meet often.
const OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'];
const BUCKET_ACTIONS = ['s3:ListBucket'];
const ACTION_PATTERNS = [...OBJECT_ACTIONS, ...BUCKET_ACTIONS, 's3:Get*', 's3:*Object', 's3:*', '*', 'sqs:*'];
const OBJECTS = ['arn:aws:s3:::b1/x', 'arn:aws:s3:::b1/dir/y', 'arn:aws:s3:::b2/x'];
const BUCKETS = ['arn:aws:s3:::b1', 'arn:aws:s3:::b2'];
const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:s3:::b1',
  'arn:aws:s3:::b1/*',
  'arn:aws:s3:::b2/*',
  'arn:aws:s3:::b*',
  'arn:aws:s3:::b1/dir/*',
];
const VPCE = 'aws:SourceVpce';
const CONDITIONS: Record<string, unknown>[] = [
  { StringEquals: { [VPCE]: 'vpce-1' } },
  { StringNotEquals: { [VPCE]: 'vpce-1' } },
  { StringEqualsIfExists: { [VPCE]: 'vpce-2' } },
  { Null: { [VPCE]: 'true' } },
  { StringEquals: { 'aws:PrincipalTag/team': 'a' } },
];
const PRINCIPALS: unknown[] = [
  '*',
  { AWS: ROLE_ARN },
  { AWS: SESSION_ARN },
  { AWS: A },
  { AWS: `arn:aws:iam::${A}:root` },
];

type Effect = 'Allow' | 'Deny';

const subset = <T>(pool: readonly T[]) => fc.subarray([...pool], { minLength: 1, maxLength: 2 });

function statementArb(effect: fc.Arbitrary<Effect>, resourcePolicy: boolean): fc.Arbitrary<Doc> {
  return fc
    .record({
      Effect: effect,
      Action: subset(ACTION_PATTERNS),
      Resource: subset(RESOURCE_PATTERNS),
      Condition: fc.oneof(
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(...CONDITIONS) },
      ),
      Principal: fc.constantFrom(...PRINCIPALS),
    })
    .map(({ Condition, Principal, ...rest }) => ({
      ...rest,
      ...(Condition ? { Condition } : {}),
      ...(resourcePolicy ? { Principal } : {}),
    }));
}

/** Mostly Allow, so that a fair share of scenarios are allowed before a statement is added. */
const anyEffect = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Effect>('Allow') },
  { weight: 1, arbitrary: fc.constant<Effect>('Deny') },
);
const statements = (resourcePolicy: boolean) =>
  fc.array(statementArb(anyEffect, resourcePolicy), { minLength: 1, maxLength: 3 });

interface Scenario {
  identity: Doc[][];
  resource: Doc[] | null;
  boundary: Doc[] | null;
  request: Omit<PolicyCase, 'policies' | 'expect'>;
}

const requestArb = fc
  .record({
    bucketAction: fc.boolean(),
    objectAction: fc.constantFrom(...OBJECT_ACTIONS),
    object: fc.constantFrom(...OBJECTS),
    bucket: fc.constantFrom(...BUCKETS),
    vpce: fc.constantFrom<string | undefined>('vpce-1', 'vpce-2', undefined),
    team: fc.constantFrom<string | undefined>('a', 'b', undefined),
    crossAccount: fc.boolean(),
  })
  .map((r): Scenario['request'] => {
    const context: Record<string, string> = {};
    if (r.vpce) context[VPCE] = r.vpce;
    return {
      principal: session(r.team ? { tags: { team: r.team } } : {}),
      action: r.bucketAction ? 's3:ListBucket' : r.objectAction,
      resource: r.bucketAction ? r.bucket : r.object,
      context,
      ...(r.crossAccount ? { resourceAccount: B } : {}),
    };
  });

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  identity: fc.array(statements(false), { minLength: 0, maxLength: 3 }),
  resource: fc.option(statements(true), { nil: null }),
  boundary: fc.option(statements(false), { nil: null }),
  request: requestArb,
});

const doc = (statements: Doc[]): Doc => ({ Version: '2012-10-17', Statement: statements });

function decide(s: Scenario, explain = true): Decision {
  const result = evaluateCase(
    {
      ...s.request,
      policies: {
        identity: s.identity.map(doc),
        resourcePolicy: s.resource ? doc(s.resource) : null,
        permissionsBoundary: s.boundary ? doc(s.boundary) : null,
      },
    },
    explain,
  );
  expect(result.errors).toEqual([]);
  return result.decision;
}

/** Where a new statement goes: an identity policy (new or existing), the bucket policy or the boundary. */
type Slot = { kind: 'identity'; index: number } | { kind: 'resource' } | { kind: 'boundary' };

const slotArb: fc.Arbitrary<Slot> = fc.oneof(
  fc.nat({ max: 3 }).map((index): Slot => ({ kind: 'identity', index })),
  fc.constant<Slot>({ kind: 'resource' }),
  fc.constant<Slot>({ kind: 'boundary' }),
);

/** The scenario with one statement added; a slot whose policy does not exist falls back to identity. */
function withStatement(s: Scenario, slot: Slot, st: Doc): Scenario {
  if (slot.kind === 'resource' && s.resource) return { ...s, resource: [...s.resource, st] };
  if (slot.kind === 'boundary' && s.boundary) return { ...s, boundary: [...s.boundary, st] };
  const { Principal: _drop, ...identitySt } = st;
  const index = slot.kind === 'identity' ? slot.index : 0;
  if (index < s.identity.length) {
    return { ...s, identity: s.identity.map((p, i) => (i === index ? [...p, identitySt] : p)) };
  }
  return { ...s, identity: [...s.identity, [identitySt]] };
}

const permutation = (n: number) =>
  fc.shuffledSubarray(
    Array.from({ length: n }, (_, i) => i),
    { minLength: n, maxLength: n },
  );

const permute = <T>(items: readonly T[], order: readonly number[]) => order.map((i) => items[i]!);

/** A scenario and a reordering of every policy's statements and of the identity policies. */
const shuffledArb = scenarioArb.chain((s) =>
  fc.record({
    s: fc.constant(s),
    identityOrder: permutation(s.identity.length),
    within: fc.tuple(...s.identity.map((p) => permutation(p.length))),
    resourceOrder: permutation(s.resource?.length ?? 0),
    boundaryOrder: permutation(s.boundary?.length ?? 0),
  }),
);

describe('authorize properties', () => {
  it('an explicit Deny that applies to the request always yields ExplicitDeny', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        slotArb,
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(...PRINCIPALS),
        (s, slot, wildAction, wildResource, principal) => {
          // A Deny built to apply: the request's action and resource (or wildcards over them), a
          // condition that holds (or none), and a Principal that names the caller.
          const condition = s.request.context?.[VPCE]
            ? { StringEquals: { [VPCE]: s.request.context[VPCE] } }
            : { Null: { [VPCE]: 'true' } };
          const st: Doc = {
            Sid: 'AppliesDeny',
            Effect: 'Deny',
            Action: wildAction ? 's3:*' : s.request.action,
            Resource: wildResource ? '*' : s.request.resource,
            Condition: condition,
            Principal: principal,
          };
          expect(decide(withStatement(s, slot, st))).toBe('ExplicitDeny');
        },
      ),
      RUNS,
    );
  });

  it('the order of statements within a policy and of identity policies never changes the decision', () => {
    fc.assert(
      fc.property(shuffledArb, ({ s, identityOrder, within, resourceOrder, boundaryOrder }) => {
        const shuffled: Scenario = {
          ...s,
          identity: permute(
            s.identity.map((p, i) => permute(p, within[i]!)),
            identityOrder,
          ),
          resource: s.resource ? permute(s.resource, resourceOrder) : null,
          boundary: s.boundary ? permute(s.boundary, boundaryOrder) : null,
        };
        expect(decide(shuffled)).toBe(decide(s));
      }),
      RUNS,
    );
  });

  it('adding an Allow statement never turns Allow into a deny', () => {
    fc.assert(
      fc.property(scenarioArb, slotArb, statementArb(fc.constant('Allow'), true), (s, slot, st) => {
        fc.pre(decide(s) === 'Allow');
        expect(decide(withStatement(s, slot, st))).toBe('Allow');
      }),
      RUNS,
    );
  });

  it('adding a Deny statement never turns a deny into Allow', () => {
    fc.assert(
      fc.property(scenarioArb, slotArb, statementArb(fc.constant('Deny'), true), (s, slot, st) => {
        fc.pre(decide(s) !== 'Allow');
        expect(decide(withStatement(s, slot, st))).not.toBe('Allow');
      }),
      RUNS,
    );
  });

  it('building the explanation never changes the decision', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(decide(s, false)).toBe(decide(s, true));
      }),
      RUNS,
    );
  });
});
