import { describe, expect, it } from 'vitest';
import type { SimulateOutputJson, TestOutputJson } from '../../src/reports/json/evaluate.js';
import { expectGolden, runScopedown } from '../support/run-cli.js';

const SCOPED = 'examples/seed/scoped-policy.json';
const OBJECT_ONLY = 'test/fixtures/policies/seed-object-only.json';
const PRINCIPAL = 'arn:aws:iam::123456789012:role/MyECSTaskRole';

async function simulate(...args: string[]) {
  const run = await runScopedown(['simulate', '--principal', PRINCIPAL, '--format', 'json', ...args]);
  return { ...run, json: JSON.parse(run.stdout) as SimulateOutputJson };
}

describe('scopedown simulate: the seed promise', () => {
  it.each([
    [SCOPED, 's3:GetObject', 'arn:aws:s3:::my-app-data-bucket/x', 'Allow'],
    [SCOPED, 's3:ListBucket', 'arn:aws:s3:::my-app-data-bucket', 'Allow'],
    [SCOPED, 's3:PutObject', 'arn:aws:s3:::my-app-data-bucket/x', 'ImplicitDeny'],
    [SCOPED, 's3:GetObject', 'arn:aws:s3:::another-bucket/x', 'ImplicitDeny'],
    [OBJECT_ONLY, 's3:ListBucket', 'arn:aws:s3:::my-app-data-bucket', 'ImplicitDeny'],
  ])('%s: %s on %s → %s', async (policy, action, resource, decision) => {
    const { code, json } = await simulate('--policy', policy, '--action', action, '--resource', resource);
    expect(code).toBe(0);
    expect(json.decision).toBe(decision);
  });

  it('explains an implicit deny by the statement that did not match, and why', async () => {
    const { json, stdout } = await simulate(
      '--policy',
      SCOPED,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::another-bucket/x',
    );
    expect(json.explanation.notMatched).toMatchObject([
      { policyType: 'identity', statement: 0, reason: 'resource', line: 4 },
    ]);
    expectGolden('evaluate/simulate-another-bucket.json', stdout);
  });

  it('--expect turns a different decision into exit 1', async () => {
    const run = await runScopedown([
      'simulate',
      '--policy',
      SCOPED,
      '--action',
      's3:PutObject',
      '--resource',
      'arn:aws:s3:::my-app-data-bucket/x',
      '--expect',
      'Allow',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ImplicitDeny: no identity-based policy allows s3:PutObject/);
  });

  it('a resource of the wrong type is reported, exit 2', async () => {
    const run = await simulate(
      '--policy',
      SCOPED,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::my-app-data-bucket',
    );
    expect(run.code).toBe(2);
    expect(run.json.errors[0]).toContain('is not a resource of s3:GetObject');
  });

  it('bad input: an unreadable policy file, a bad --context, a missing --action', async () => {
    expect((await runScopedown(['simulate', '--policy', 'nope.json', '--action', 's3:GetObject'])).code).toBe(
      2,
    );
    expect(
      (
        await runScopedown([
          'simulate',
          '--policy',
          SCOPED,
          '--action',
          's3:GetObject',
          '--context',
          'novalue',
        ])
      ).code,
    ).toBe(2);
    expect((await runScopedown(['simulate', '--policy', SCOPED])).code).toBe(2);
  });

  it('reads context keys, repeated keys as multivalued', async () => {
    const run = await simulate(
      '--policy',
      'test/fixtures/evaluate/tagged-policy.json',
      '--action',
      's3:PutObjectTagging',
      '--resource',
      'arn:aws:s3:::b/k',
      '--context',
      'aws:TagKeys=team',
      '--context',
      'aws:TagKeys=env',
    );
    expect(run.json.decision).toBe('Allow');
  });
});

describe('scopedown test', () => {
  it('runs the bundled seed cases: all pass, exit 0', async () => {
    const run = await runScopedown(['test', 'examples/seed/policy-cases.json']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('4 passed, 0 failed');
  });

  it('a failed expectation exits 1 and points at the case and the statement', async () => {
    const run = await runScopedown(['test', 'test/fixtures/evaluate/failing-cases.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL object-only-policy-lists-bucket: expected Allow, got ImplicitDeny');
    expect(run.stdout).toContain('test/fixtures/evaluate/failing-cases.json:3 /cases/0');
    expect(run.stdout).toMatch(
      /not matched on resource: identity policy .*statement 0 "ReadData" \(test\/fixtures\/evaluate\/failing-cases.json:\d+:\d+\)/,
    );
    const json = JSON.parse(
      (await runScopedown(['test', '--format', 'json', 'test/fixtures/evaluate/failing-cases.json'])).stdout,
    ) as TestOutputJson;
    expect(json.summary).toMatchObject({ cases: 1, passed: 0, failed: 1 });
    expect(json.results[0]).toMatchObject({
      id: 'object-only-policy-lists-bucket',
      decision: 'ImplicitDeny',
      expect: 'Allow',
      pass: false,
    });
  });

  it('fails closed: a Deny with StringEqualz is an error (exit 2), never a skipped Deny', async () => {
    const run = await runScopedown(['test', '--format', 'json', 'test/fixtures/evaluate/bad-cases.json']);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout) as TestOutputJson;
    expect(json.results[0]).toMatchObject({ id: 'typo-deny', decision: 'ExplicitDeny' });
    expect(json.results[0]?.errors[0]).toContain('StringEqualz');
    expect(run.stderr).toContain('no principal named "nobody"');
    expect(run.stderr).toContain('no policy set named "missing"');
  });
});
