import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../model/policy.js';
import { parseAccountAuthorizationDetails } from './account-authorization.parse.js';
import { type JsonNode, parseJsonLocated } from './json-located.parse.js';

const FIXTURES = new URL('../../test/fixtures/audit/files/', import.meta.url);

function json(text: string, file = 'input.json'): JsonNode {
  const parsed = parseJsonLocated(text, file);
  if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
  return parsed.value;
}
const fixture = (name: string) => json(readFileSync(new URL(name, FIXTURES), 'utf8'), name);

const actions = (doc: PolicyDocument | undefined) =>
  doc?.statements.flatMap((s) => (s.action ?? []).map((a) => `${s.effect.value} ${a.value}`));

describe('parseAccountAuthorizationDetails: fixture', () => {
  const name = 'account-authorization-details.json';
  const { inventory, errors } = parseAccountAuthorizationDetails(fixture(name), name);

  it('reads without errors, ignoring users and groups (whose broken policy is never parsed)', () => {
    expect(errors).toEqual([]);
    expect(inventory.taskDefinitions).toEqual([]);
    expect(inventory.unresolved).toEqual([]);
  });

  it.each([
    [
      'app-task-role',
      {
        arn: 'arn:aws:iam::111122223333:role/service/app-task-role',
        path: '/service/',
        account: '111122223333',
        trust: ['Allow sts:AssumeRole'],
        trustConditions: ['ArnLike aws:SourceArn', 'StringEquals aws:SourceAccount'],
        inline: [['send-jobs', ['Allow sqs:SendMessage']]],
        managed: ['arn:aws:iam::111122223333:policy/app-data-access'],
        boundary: 'arn:aws:iam::111122223333:policy/app-boundary',
      },
    ],
    [
      'ecsTaskExecutionRole',
      {
        arn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole',
        path: '/',
        account: '111122223333',
        trust: ['Allow sts:AssumeRole'],
        trustConditions: [],
        inline: [],
        managed: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
        boundary: undefined,
      },
    ],
  ])('role %s, URL-encoded documents decoded', (roleName, expected) => {
    const role = inventory.roles.find((r) => r.name === roleName);
    expect({
      arn: role?.arn,
      path: role?.path,
      account: role?.account,
      trust: actions(role?.trustPolicy),
      trustConditions: role?.trustPolicy?.statements.flatMap((s) =>
        s.condition.map((c) => `${c.operator.value} ${c.key.value}`),
      ),
      inline: role?.inlinePolicies.map((p) => [p.name, actions(p.document)]),
      managed: role?.managedPolicyArns,
      boundary: role?.permissionsBoundaryArn,
    }).toEqual(expected);
  });

  it('has exactly the two roles', () => {
    expect(inventory.roles.map((r) => r.name)).toEqual(['app-task-role', 'ecsTaskExecutionRole']);
  });

  it('keeps only the default version of a customer managed policy', () => {
    expect(
      inventory.managedPolicies.map((p) => ({ arn: p.arn, name: p.name, actions: actions(p.document) })),
    ).toEqual([
      {
        arn: 'arn:aws:iam::111122223333:policy/app-data-access',
        name: 'app-data-access',
        actions: ['Allow s3:GetObject', 'Allow s3:ListBucket'],
      },
    ]);
  });

  it('points the statements of a URL-encoded document at the string that holds it', () => {
    const statement = inventory.managedPolicies[0]?.document.statements[1];
    expect(statement?.loc).toMatchObject({
      file: name,
      pointer: '/Policies/0/PolicyVersionList/1/Document/Statement/1',
    });
    expect(inventory.managedPolicies[0]?.loc).toMatchObject({ pointer: '/Policies/0' });
  });
});

const ROLE = { RoleName: 'r', Arn: 'arn:aws:iam::111122223333:role/r', RolePolicyList: [] };
const DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] };
const policy = (extra: object) => ({ Arn: 'arn:aws:iam::111122223333:policy/p', PolicyName: 'p', ...extra });

describe('parseAccountAuthorizationDetails: shapes and bad input', () => {
  it.each<[string, unknown, string[], { roles: string[]; policies: string[]; unresolved?: string[] }]>([
    [
      'DefaultVersionId when versions do not say IsDefaultVersion',
      {
        Policies: [
          policy({
            DefaultVersionId: 'v2',
            PolicyVersionList: [{ VersionId: 'v1' }, { VersionId: 'v2', Document: DOC }],
          }),
        ],
      },
      [],
      { roles: [], policies: ['p'] },
    ],
    [
      'no default version',
      {
        Policies: [
          policy({ DefaultVersionId: 'v3', PolicyVersionList: [{ VersionId: 'v1', Document: DOC }] }),
        ],
      },
      [
        'INVALID_INPUT /Policies/0/PolicyVersionList the managed policy p has no "PolicyVersionList" entry for the default version v3',
      ],
      { roles: [], policies: [] },
    ],
    [
      'a default version without a document',
      { Policies: [policy({ PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true }] })] },
      ['INVALID_INPUT /Policies/0/PolicyVersionList/0 the policy version has no "Document"'],
      { roles: [], policies: [] },
    ],
    [
      'a default document that is not a policy',
      { Policies: [policy({ PolicyVersionList: [{ IsDefaultVersion: true, Document: 'hello' }] })] },
      [
        'NOT_A_POLICY /Policies/0/PolicyVersionList/0/Document not a policy: expected a policy document, got "hello"',
      ],
      { roles: [], policies: [] },
    ],
    [
      'wrong types, the rest still read',
      {
        RoleDetailList: [ROLE, 'r2', { RoleName: 'no-arn' }],
        Policies: { Arn: 'x' },
        UserDetailList: 'ignored, whatever it holds',
      },
      [
        'INVALID_INPUT /RoleDetailList/1 expected an object, got "r2"',
        'INVALID_INPUT /RoleDetailList/2 the role has no "Arn"',
        'INVALID_INPUT /Policies expected an array, got an object',
      ],
      { roles: ['r'], policies: [] },
    ],
    [
      'one page of several (IsTruncated)',
      { RoleDetailList: [ROLE], Policies: [], IsTruncated: true, Marker: 'abc' },
      [],
      {
        roles: ['r'],
        policies: [],
        unresolved: [
          'the rest of the account: this output is one page (IsTruncated); let the AWS CLI paginate, or pass every page',
        ],
      },
    ],
    [
      'a list of pages',
      [
        { RoleDetailList: [ROLE] },
        { RoleDetailList: [{ ...ROLE, RoleName: 's', Arn: 'arn:aws:iam::111122223333:role/s' }] },
      ],
      [],
      { roles: ['r', 's'], policies: [] },
    ],
    [
      'not account details',
      { Role: ROLE },
      [
        'INVALID_INPUT / expected "aws iam get-account-authorization-details" output with "RoleDetailList" or "Policies"',
      ],
      { roles: [], policies: [] },
    ],
  ])('%s', (_id, input, expectedErrors, expected) => {
    const { inventory, errors } = parseAccountAuthorizationDetails(json(JSON.stringify(input)), 'auth.json');
    expect(errors.map((e) => `${e.code} ${e.pointer || '/'} ${e.message}`)).toEqual(expectedErrors);
    expect(inventory.roles.map((r) => r.name)).toEqual(expected.roles);
    expect(inventory.managedPolicies.map((p) => p.name)).toEqual(expected.policies);
    expect(inventory.unresolved.map((u) => u.what)).toEqual(expected.unresolved ?? []);
  });
});
