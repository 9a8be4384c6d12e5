import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ManagedPolicy, Role } from '../model/inventory.js';
import type { PolicyDocument } from '../model/policy.js';
import { parseIamRole } from './iam-role.parse.js';
import { type JsonNode, parseJsonLocated } from './json-located.parse.js';
import { parsePolicyNode } from './policy.parse.js';

const FIXTURES = new URL('../../test/fixtures/audit/files/', import.meta.url);

function json(text: string, file = 'input.json'): JsonNode {
  const parsed = parseJsonLocated(text, file);
  if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
  return parsed.value;
}
const fixture = (name: string) => json(readFileSync(new URL(name, FIXTURES), 'utf8'), name);

/** A document as `action@resource` per statement (principal services for trust policies). */
function statements(doc: PolicyDocument | undefined): string[] | undefined {
  return doc?.statements.map((s) => {
    const actions = (s.action ?? []).map((a) => a.value).join(',');
    const on = s.principal
      ? s.principal.entries.map((e) => `${e.type}=${e.value.value}`).join(',')
      : (s.resource ?? []).map((r) => r.value).join(',');
    return `${s.effect.value} ${actions} ${on}`;
  });
}

/** A role without locations, documents as statement summaries. */
function roleSummary(role: Role) {
  return {
    arn: role.arn,
    name: role.name,
    path: role.path,
    account: role.account,
    trust: statements(role.trustPolicy),
    inline: role.inlinePolicies.map((p) => [p.name, statements(p.document)]),
    managed: role.managedPolicyArns,
    boundary: role.permissionsBoundaryArn,
  };
}

const policySummary = (p: ManagedPolicy) => ({ arn: p.arn, name: p.name, doc: statements(p.document) });

const ECS_TRUST = ['Allow sts:AssumeRole Service=ecs-tasks.amazonaws.com'];

describe('parseIamRole: fixtures', () => {
  it.each<[string, string, ReturnType<typeof roleSummary>, ReturnType<typeof policySummary>[], string[]]>([
    [
      'seed task role: get-role with the inline s3:* policy',
      'seed/MyECSTaskRole.json',
      {
        arn: 'arn:aws:iam::123456789012:role/MyECSTaskRole',
        name: 'MyECSTaskRole',
        path: '/',
        account: '123456789012',
        trust: ECS_TRUST,
        inline: [['MyECSTaskRolePolicy', ['Allow s3:* *']]],
        managed: [],
        boundary: undefined,
      },
      [],
      [],
    ],
    [
      'seed execution role: the AWS managed policy attached by ARN only',
      'seed/MyECSExecutionRole.json',
      {
        arn: 'arn:aws:iam::123456789012:role/MyECSExecutionRole',
        name: 'MyECSExecutionRole',
        path: '/',
        account: '123456789012',
        trust: ECS_TRUST,
        inline: [],
        managed: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
        boundary: undefined,
      },
      [],
      [],
    ],
    [
      'combined: URL-encoded trust, get-role-policy outputs, bare ARNs, PolicyNames, managed bodies',
      'role-combined.json',
      {
        arn: 'arn:aws:iam::111122223333:role/service/orders-task-role',
        name: 'orders-task-role',
        path: '/service/',
        account: '111122223333',
        trust: ECS_TRUST,
        inline: [
          ['orders-read', ['Allow dynamodb:GetItem arn:aws:dynamodb:us-east-1:111122223333:table/orders']],
          ['orders-write', ['Allow dynamodb:PutItem arn:aws:dynamodb:us-east-1:111122223333:table/orders']],
        ],
        managed: [
          'arn:aws:iam::111122223333:policy/orders-shared',
          'arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess',
        ],
        boundary: 'arn:aws:iam::111122223333:policy/team-boundary',
      },
      [
        {
          arn: 'arn:aws:iam::111122223333:policy/orders-shared',
          name: 'orders-shared',
          doc: ['Allow sqs:SendMessage arn:aws:sqs:us-east-1:111122223333:orders'],
        },
      ],
      [
        'inline policy "orders-admin" of role arn:aws:iam::111122223333:role/service/orders-task-role: listed in PolicyNames, but no document given',
      ],
    ],
  ])('%s', (_id, name, role, managed, unresolved) => {
    const { inventory, errors } = parseIamRole(fixture(name), name);
    expect(errors).toEqual([]);
    expect(inventory.roles.map(roleSummary)).toEqual([role]);
    expect(inventory.managedPolicies.map(policySummary)).toEqual(managed);
    expect(inventory.unresolved.map((u) => u.what)).toEqual(unresolved);
    expect(inventory.taskDefinitions).toEqual([]);
  });

  it('locates the role, its inline policies and their statements in the file', () => {
    const name = 'seed/MyECSTaskRole.json';
    const role = parseIamRole(fixture(name), name).inventory.roles[0];
    expect(role?.loc).toEqual({ file: name, pointer: '/Role', line: 2, column: 11 });
    const inline = role?.inlinePolicies[0];
    expect(inline?.loc).toMatchObject({ pointer: '/RolePolicyList/0', line: 25 });
    expect(inline?.document.statements[0]?.loc).toMatchObject({
      file: name,
      pointer: '/RolePolicyList/0/PolicyDocument/Statement/0',
      line: 30,
    });
  });
});

const ROLE = {
  RoleName: 'app',
  Arn: 'arn:aws:iam::111122223333:role/app',
  AssumeRolePolicyDocument: {
    Version: '2012-10-17',
    Statement: {
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  },
};
const S3_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }] };

describe('parseIamRole: shapes and bad input', () => {
  it.each<[string, unknown, string[], Partial<ReturnType<typeof roleSummary>> | undefined]>([
    [
      'the role at the top level (--query Role), with a RoleDetailList-style policy list',
      { ...ROLE, RolePolicyList: [{ PolicyName: 'p', PolicyDocument: S3_ALL }] },
      [],
      { name: 'app', path: '/', inline: [['p', ['Allow s3:* *']]] },
    ],
    [
      'one get-role-policy output merged in, AttachedManagedPolicies spelling',
      {
        Role: ROLE,
        RoleName: 'app',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify(S3_ALL),
        AttachedManagedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      },
      [],
      { inline: [['p', ['Allow s3:* *']]], managed: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    ],
    [
      'name and path from the ARN when get-role leaves them out',
      { Role: { Arn: 'arn:aws:iam::111122223333:role/a/b/app' } },
      [],
      { name: 'app', path: '/a/b/', account: '111122223333', trust: undefined },
    ],
    [
      'no Arn: the role cannot be identified',
      { Role: { RoleName: 'app' } },
      ['INVALID_INPUT /Role the role has no "Arn"'],
      undefined,
    ],
    [
      'a malformed ARN is kept as written',
      { Role: { ...ROLE, Arn: 'app' } },
      ['INVALID_INPUT /Role/Arn expected a role ARN like arn:aws:iam::ACCOUNT:role/NAME, got "app"'],
      { arn: 'app', name: 'app', account: undefined },
    ],
    [
      'wrong types are reported, the rest is read',
      {
        Role: { ...ROLE, Path: 7, PermissionsBoundary: 'arn:aws:iam::111122223333:policy/b' },
        AttachedPolicies: [{ PolicyName: 'x' }, 3, 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
        RolePolicyList: { PolicyName: 'p' },
      },
      [
        'INVALID_INPUT /Role/Path expected a string, got 7',
        'INVALID_INPUT /Role/PermissionsBoundary expected an object, got "arn:aws:iam::111122223333:policy/b"',
        'INVALID_INPUT /AttachedPolicies/0 the attached policy has no "PolicyArn"',
        'INVALID_INPUT /AttachedPolicies/1 expected an object {"PolicyName", "PolicyArn"}, got 3',
        'INVALID_INPUT /RolePolicyList expected an array, got an object',
      ],
      {
        path: '/',
        managed: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        boundary: undefined,
        trust: ECS_TRUST,
      },
    ],
    [
      'a bad trust policy keeps its policy error codes',
      {
        Role: {
          ...ROLE,
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'allow' }] },
        },
      },
      [
        'INVALID_POLICY /Role/AssumeRolePolicyDocument/Statement/0 the statement has no "Action" or "NotAction"',
        'INVALID_POLICY /Role/AssumeRolePolicyDocument/Statement/0/Effect expected "Allow" or "Deny", got "allow" (Effect is case-sensitive)',
      ],
      { trust: [] },
    ],
    [
      "inline policies: no document, a duplicate name, another role's policy, URL-encoded strings that do not decode or parse",
      {
        Role: ROLE,
        RolePolicyList: [
          { PolicyName: 'a' },
          { PolicyName: 'b', PolicyDocument: S3_ALL },
          { PolicyName: 'b', PolicyDocument: S3_ALL },
        ],
        RolePolicies: [
          { RoleName: 'other', PolicyName: 'c', PolicyDocument: S3_ALL },
          { RoleName: 'app', PolicyName: 'd', PolicyDocument: '%7B%ZZ' },
          {
            RoleName: 'app',
            PolicyName: 'e',
            PolicyDocument: encodeURIComponent('{"Statement": [{"Effect": 1},]}'),
          },
        ],
      },
      [
        'INVALID_INPUT /RolePolicyList/0 the inline policy has no "PolicyDocument"',
        'INVALID_INPUT /RolePolicyList/2 duplicate inline policy "b" (first at line 1, column 267)',
        'INVALID_INPUT /RolePolicies/0/RoleName this inline policy belongs to role "other", not "app"',
        'INVALID_JSON /RolePolicies/1/PolicyDocument the URL-encoded policy document does not decode: "%7B%ZZ"',
        'INVALID_JSON /RolePolicies/2/PolicyDocument invalid JSON: unexpected "]" (trailing comma?) (at 1:30 of the URL-decoded policy string)',
      ],
      { inline: [['b', ['Allow s3:* *']]] },
    ],
    [
      'account details are not get-role output',
      { RoleDetailList: [] },
      [
        'INVALID_INPUT / expected "aws iam get-role" output with a "Role", got account-authorization-details output',
      ],
      undefined,
    ],
    [
      'not an object',
      ['app'],
      ['INVALID_INPUT /0 expected "aws iam get-role" output {"Role": {...}}, got "app"'],
      undefined,
    ],
  ])('%s', (_id, input, expectedErrors, expected) => {
    const { inventory, errors } = parseIamRole(json(JSON.stringify(input)), 'role.json');
    expect(errors.map((e) => `${e.code} ${e.pointer || '/'} ${e.message}`)).toEqual(expectedErrors);
    if (expected) expect(inventory.roles.map(roleSummary)).toEqual([expect.objectContaining(expected)]);
    else expect(inventory.roles).toEqual([]);
  });

  it.each([
    ['URL-encoded', encodeURIComponent(JSON.stringify(S3_ALL))],
    ['a JSON string', JSON.stringify(S3_ALL, null, 2)],
    ['with a condition and a principal', encodeURIComponent(JSON.stringify(ROLE.AssumeRolePolicyDocument))],
  ])('an embedded document (%s) reads exactly as parsePolicyNode reads it', (_id, text) => {
    const input = json(
      JSON.stringify({ Role: ROLE, RolePolicyList: [{ PolicyName: 'p', PolicyDocument: text }] }),
    );
    const viaRole = parseIamRole(input, 'role.json').inventory.roles[0]?.inlinePolicies[0]?.document;
    const list = input.kind === 'object' ? input.entries[1]?.value : undefined;
    const entry = list?.kind === 'array' ? list.items[0] : undefined;
    const stringNode = entry?.kind === 'object' ? entry.entries[1]?.value : undefined;
    expect(stringNode?.kind).toBe('string');
    const viaPolicy = stringNode && parsePolicyNode(stringNode, 'role.json');
    expect(viaPolicy?.errors).toEqual([]);
    expect(viaRole).toEqual(viaPolicy?.document);
  });

  it('reads a list of get-role outputs', () => {
    const other = { ...ROLE, RoleName: 'b', Arn: 'arn:aws:iam::111122223333:role/b' };
    const { inventory, errors } = parseIamRole(json(JSON.stringify([{ Role: ROLE }, { Role: other }])), 'x');
    expect(errors).toEqual([]);
    expect(inventory.roles.map((r) => r.name)).toEqual(['app', 'b']);
  });
});
