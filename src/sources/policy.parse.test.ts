import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PolicyDocument, PrincipalBlock, Statement } from '../model/policy.js';
import { parseJsonLocated } from './json-located.parse.js';
import { type PolicyParseResult, parsePolicy, parsePolicyNode } from './policy.parse.js';

const FIXTURES = new URL('../../test/fixtures/policies/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

const policy = (...statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };

function parsedDocument(text: string, file = 'policy.json'): PolicyDocument {
  const r = parsePolicy(text, file);
  expect(r.errors).toEqual([]);
  if (!r.document) throw new Error('expected a document');
  return r.document;
}

function principalSummary(p: PrincipalBlock | undefined) {
  if (!p) return undefined;
  return p.wildcard ? '*' : p.entries.map((e) => `${e.type}=${e.value.value}`);
}

/** A statement without locations, to compare shapes in one line. */
function summary(s: Statement) {
  return {
    index: s.index,
    sid: s.sid?.value,
    effect: s.effect.value,
    action: s.action?.map((a) => a.value),
    notAction: s.notAction?.map((a) => a.value),
    resource: s.resource?.map((r) => r.value),
    notResource: s.notResource?.map((r) => r.value),
    principal: principalSummary(s.principal),
    notPrincipal: principalSummary(s.notPrincipal),
    condition: s.condition.map((c) => [c.operator.value, c.key.value, c.values.map((v) => v.value)]),
  };
}

/** Errors as `code pointer line:column message`, the way a user reads them. */
function errorLines(r: PolicyParseResult): string[] {
  return r.errors.map((e) => `${e.code} ${e.pointer || '(root)'} ${e.line}:${e.column} ${e.message}`);
}

describe('parsePolicy: shapes', () => {
  it.each([
    [
      'Statement as a single object',
      JSON.stringify({ Version: '2012-10-17', Statement: allow }),
      [{ index: 0, effect: 'Allow', action: ['s3:GetObject'], resource: ['*'], condition: [] }],
    ],
    [
      'Statement as an array',
      policy(allow, { ...allow, Effect: 'Deny' }),
      [
        { index: 0, effect: 'Allow', action: ['s3:GetObject'], resource: ['*'], condition: [] },
        { index: 1, effect: 'Deny', action: ['s3:GetObject'], resource: ['*'], condition: [] },
      ],
    ],
    [
      'Action as an array, Resource as an array, Sid',
      policy({
        Sid: 'Read',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: ['a', 'b'],
      }),
      [
        {
          index: 0,
          sid: 'Read',
          effect: 'Allow',
          action: ['s3:GetObject', 's3:ListBucket'],
          resource: ['a', 'b'],
          condition: [],
        },
      ],
    ],
    [
      'NotAction and NotResource',
      policy({ Effect: 'Deny', NotAction: 'iam:*', NotResource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] }),
      [
        {
          index: 0,
          effect: 'Deny',
          notAction: ['iam:*'],
          notResource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
          condition: [],
        },
      ],
    ],
    [
      'no Resource (trust policy)',
      policy({
        Effect: 'Allow',
        Principal: { Service: 'ecs-tasks.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
      [
        {
          index: 0,
          effect: 'Allow',
          principal: ['Service=ecs-tasks.amazonaws.com'],
          action: ['sts:AssumeRole'],
          condition: [],
        },
      ],
    ],
  ])('%s', (_id, text, expected) => {
    expect(parsedDocument(text).statements.map(summary)).toEqual(expected);
  });

  it.each([
    ['"*"', '*', '*'],
    ['{"AWS": "*"} is an entry, not the wildcard', { AWS: '*' }, ['AWS=*']],
    [
      '{"AWS": [...]}',
      { AWS: ['arn:aws:iam::111122223333:root', '444455556666'] },
      ['AWS=arn:aws:iam::111122223333:root', 'AWS=444455556666'],
    ],
    ['{"Service": ...}', { Service: 'ecs-tasks.amazonaws.com' }, ['Service=ecs-tasks.amazonaws.com']],
    [
      '{"Federated": ...}',
      { Federated: 'cognito-identity.amazonaws.com' },
      ['Federated=cognito-identity.amazonaws.com'],
    ],
    ['{"CanonicalUser": ...}', { CanonicalUser: '79a59df900b949e5' }, ['CanonicalUser=79a59df900b949e5']],
    [
      'several types',
      { AWS: 'arn:aws:iam::111122223333:role/r', Service: ['a.amazonaws.com', 'b.amazonaws.com'] },
      ['AWS=arn:aws:iam::111122223333:role/r', 'Service=a.amazonaws.com', 'Service=b.amazonaws.com'],
    ],
  ])('Principal %s', (_id, principal, expected) => {
    const [s] = parsedDocument(
      policy({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }),
    ).statements;
    expect(principalSummary(s?.principal)).toEqual(expected);
    expect(s?.principal?.wildcard).toBe(principal === '*');
  });

  it('NotPrincipal', () => {
    const text = policy({
      Effect: 'Deny',
      NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: '*',
      Resource: '*',
    });
    const [s] = parsedDocument(text).statements;
    expect(principalSummary(s?.notPrincipal)).toEqual(['AWS=arn:aws:iam::111122223333:root']);
    expect(s?.principal).toBeUndefined();
  });

  it('Condition: one clause per operator and key, values keep their JSON type', () => {
    const condition = {
      StringEquals: { 'aws:PrincipalTag/team': ['data', 'platform'], 's3:prefix': 'home/' },
      'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['env*'] },
      Bool: { 'aws:SecureTransport': true, 'aws:MultiFactorAuthPresent': 'false' },
      NumericLessThan: { 's3:max-keys': 10, 's3:other': [1.5, '2'] },
      Null: { 'aws:TokenIssueTime': false },
      StringNotEquals: {},
    };
    const [s] = parsedDocument(policy({ ...allow, Condition: condition })).statements;
    expect(s?.condition.map((c) => [c.operator.value, c.key.value, c.values.map((v) => v.value)])).toEqual([
      ['StringEquals', 'aws:PrincipalTag/team', ['data', 'platform']],
      ['StringEquals', 's3:prefix', ['home/']],
      ['ForAnyValue:StringLikeIfExists', 'aws:TagKeys', ['env*']],
      ['Bool', 'aws:SecureTransport', [true]],
      ['Bool', 'aws:MultiFactorAuthPresent', ['false']],
      ['NumericLessThan', 's3:max-keys', [10]],
      ['NumericLessThan', 's3:other', [1.5, '2']],
      ['Null', 'aws:TokenIssueTime', [false]],
    ]);
  });

  it.each([
    ['2012-10-17', { Version: '2012-10-17', Statement: allow }, '2012-10-17'],
    ['2008-10-17', { Version: '2008-10-17', Statement: allow }, '2008-10-17'],
    ['missing', { Statement: allow }, undefined],
  ])('Version %s', (_id, doc, expected) => {
    expect(parsedDocument(JSON.stringify(doc)).version?.value).toBe(expected);
  });

  it('Id, wrapper and document location', () => {
    const doc = parsedDocument(JSON.stringify({ Version: '2012-10-17', Id: 'my-policy', Statement: allow }));
    expect(doc.id?.value).toBe('my-policy');
    expect(doc.wrapper).toBe('plain');
    expect(doc.loc).toEqual({ file: 'policy.json', pointer: '', line: 1, column: 1 });
  });

  it.each([
    ['seed-broad.json', [{ index: 0, effect: 'Allow', action: ['s3:*'], resource: ['*'], condition: [] }]],
    [
      'seed-scoped.json',
      [
        {
          index: 0,
          effect: 'Allow',
          action: ['s3:GetObject', 's3:ListBucket'],
          resource: ['arn:aws:s3:::my-app-data-bucket', 'arn:aws:s3:::my-app-data-bucket/*'],
          condition: [],
        },
      ],
    ],
    [
      'seed-object-only.json',
      [
        {
          index: 0,
          effect: 'Allow',
          action: ['s3:GetObject', 's3:ListBucket'],
          resource: ['arn:aws:s3:::my-app-data-bucket/*'],
          condition: [],
        },
      ],
    ],
    [
      'seed-bucket-only.json',
      [
        {
          index: 0,
          effect: 'Allow',
          action: ['s3:GetObject', 's3:ListBucket'],
          resource: ['arn:aws:s3:::my-app-data-bucket'],
          condition: [],
        },
      ],
    ],
  ])('fixture %s', (name, expected) => {
    expect(parsedDocument(fixture(name), name).statements.map(summary)).toEqual(expected);
  });
});

describe('parsePolicy: locations', () => {
  it('points at each value of a multi-line policy', () => {
    const doc = parsedDocument(fixture('locations.json'), 'locations.json');
    const [first, second] = doc.statements;
    const at = (l: { loc: { pointer: string; line: number; column: number } } | undefined) =>
      l && `${l.loc.pointer} ${l.loc.line}:${l.loc.column}`;
    expect([
      at(first),
      at(first?.effect),
      at(first?.resource?.[0]),
      at(second),
      at(second?.sid),
      at(second?.action?.[1]),
      at(second?.resource?.[0]),
      at(second?.resource?.[1]),
      at(doc.version),
    ]).toEqual([
      '/Statement/0 4:5',
      '/Statement/0/Effect 4:33',
      '/Statement/0/Resource 4:81',
      '/Statement/1 5:5',
      '/Statement/1/Sid 6:14',
      '/Statement/1/Action/1 8:34',
      '/Statement/1/Resource/0 10:9',
      '/Statement/1/Resource/1 10:48',
      '/Version 2:14',
    ]);
    expect(second?.resource?.[0]?.loc.file).toBe('locations.json');
  });

  it('points at condition operators, keys and values, principals and NotResource', () => {
    const doc = parsedDocument(fixture('all-elements.json'), 'all-elements.json');
    const [read, deny, trust] = doc.statements;
    const clause = read?.condition[1];
    const at = (l: { loc: { pointer: string; line: number; column: number } } | undefined) =>
      l && `${l.loc.pointer} ${l.loc.line}:${l.loc.column}`;
    expect([
      at(clause?.operator),
      at(clause?.key),
      at(clause?.values[0]),
      at(read?.condition[0]?.values[1]),
      at(read?.condition[3]?.values[0]),
      at(deny?.notResource?.[1]),
      at(deny?.notAction?.[0]),
      at(trust?.principal),
      at(trust?.principal?.entries[1]?.value),
      at(trust?.principal?.entries[2]?.value),
    ]).toEqual([
      '/Statement/0/Condition/StringEquals 13:9',
      '/Statement/0/Condition/StringEquals/s3:prefix 18:11',
      '/Statement/0/Condition/StringEquals/s3:prefix 18:24',
      '/Statement/0/Condition/StringEquals/aws:PrincipalTag~1team/1 16:13',
      '/Statement/0/Condition/NumericLessThan/s3:max-keys 24:26',
      '/Statement/1/NotResource/1 37:9',
      '/Statement/1/NotAction/0 32:9',
      '/Statement/2/Principal 42:20',
      '/Statement/2/Principal/AWS/1 45:11',
      '/Statement/2/Principal/Service 47:20',
    ]);
  });
});

/**
 * The column where `needle` first (or, with `last`, last) occurs in one-line `text`: an oracle for
 * error positions that does not depend on the parser.
 */
function columnOf(text: string, needle: string, last = false): number {
  const i = last ? text.lastIndexOf(needle) : text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${text}`);
  return i + 1;
}

describe('parsePolicy: statement-level errors (document still returned)', () => {
  it.each([
    [
      'Effect "allow"',
      { ...allow, Effect: 'allow' },
      '/Statement/0/Effect',
      '"allow"',
      'expected "Allow" or "Deny", got "allow" (Effect is case-sensitive)',
    ],
    [
      'Effect of the wrong type',
      { ...allow, Effect: true },
      '/Statement/0/Effect',
      'true',
      'expected "Allow" or "Deny", got true',
    ],
    [
      'missing Effect',
      { Action: 's3:GetObject', Resource: '*' },
      '/Statement/0',
      '{"Action"',
      'the statement has no "Effect"; expected "Allow" or "Deny"',
    ],
    [
      '"Actions" typo, and no second error about the missing Action',
      { Effect: 'Allow', Actions: 's3:GetObject', Resource: '*' },
      '/Statement/0/Actions',
      '"Actions"',
      'unknown statement element "Actions"; did you mean "Action"?',
    ],
    [
      '"Resources" typo',
      { ...allow, Resource: undefined, Resources: '*' },
      '/Statement/0/Resources',
      '"Resources"',
      'unknown statement element "Resources"; did you mean "Resource"?',
    ],
    [
      'element in the wrong case',
      { effect: 'Allow', Action: 's3:GetObject' },
      '/Statement/0/effect',
      '"effect"',
      'unknown statement element "effect"; did you mean "Effect"?',
    ],
    [
      'unknown element with no near match',
      { ...allow, Banana: 1 },
      '/Statement/0/Banana',
      '"Banana"',
      'unknown statement element "Banana"; expected one of Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition',
    ],
    [
      'missing Action',
      { Effect: 'Allow', Resource: '*' },
      '/Statement/0',
      '{"Effect"',
      'the statement has no "Action" or "NotAction"',
    ],
    [
      'Action and NotAction',
      { ...allow, NotAction: 'iam:*' },
      '/Statement/0/NotAction',
      '"NotAction"',
      'a statement takes "Action" or "NotAction", not both',
    ],
    [
      'Resource and NotResource',
      { ...allow, NotResource: 'x' },
      '/Statement/0/NotResource',
      '"NotResource"',
      'a statement takes "Resource" or "NotResource", not both',
    ],
    [
      'Principal and NotPrincipal',
      { ...allow, Principal: '*', NotPrincipal: '*' },
      '/Statement/0/NotPrincipal',
      '"NotPrincipal"',
      'a statement takes "Principal" or "NotPrincipal", not both',
    ],
    [
      'empty Action array',
      { ...allow, Action: [] },
      '/Statement/0/Action',
      '[]',
      'expected a string or a non-empty array of strings, got []',
    ],
    [
      'number in an Action array',
      { ...allow, Action: ['s3:GetObject', 5] },
      '/Statement/0/Action/1',
      '5]',
      'expected a string, got 5',
    ],
    [
      'Resource as an object',
      { ...allow, Resource: { arn: 'x' } },
      '/Statement/0/Resource',
      '{"arn"',
      'expected a string or a non-empty array of strings, got an object',
    ],
    [
      'Principal as an ARN string',
      { ...allow, Principal: 'arn:aws:iam::111122223333:root' },
      '/Statement/0/Principal',
      '"arn:aws:iam',
      'expected "*" or a map such as {"AWS": ...}, got "arn:aws:iam::111122223333:root"',
    ],
    [
      'Principal type in the wrong case',
      { ...allow, Principal: { aws: '*' } },
      '/Statement/0/Principal/aws',
      '"aws"',
      'unknown principal type "aws"; did you mean "AWS"?',
    ],
    [
      'Principal value of the wrong type',
      { ...allow, Principal: { AWS: 111122223333 } },
      '/Statement/0/Principal/AWS',
      '111122223333',
      'expected a string or a non-empty array of strings, got 111122223333',
    ],
    [
      'empty Principal map',
      { ...allow, Principal: {} },
      '/Statement/0/Principal',
      '{}',
      'expected at least one of AWS, Service, Federated, CanonicalUser, got {}',
    ],
    [
      'Condition as an array',
      { ...allow, Condition: [] },
      '/Statement/0/Condition',
      '[]',
      'expected a map of condition operators, got []',
    ],
    [
      'condition operator holding a string',
      { ...allow, Condition: { StringEquals: 'x' } },
      '/Statement/0/Condition/StringEquals',
      '"x"',
      'expected a map of condition keys under "StringEquals", got "x"',
    ],
    [
      'condition value null',
      { ...allow, Condition: { Null: { 'aws:TagKeys': null } } },
      '/Statement/0/Condition/Null/aws:TagKeys',
      'null',
      'expected a string, number or boolean, or a non-empty array of them, got null',
    ],
    [
      'condition values nested in an array',
      { ...allow, Condition: { StringEquals: { k: [['a']] } } },
      '/Statement/0/Condition/StringEquals/k/0',
      '["a"]',
      'expected a string, number or boolean, got an array',
    ],
    [
      'Sid of the wrong type (statement kept)',
      { Sid: 1, ...allow },
      '/Statement/0/Sid',
      '1,',
      'expected a string, got 1',
    ],
  ])('%s', (_id, statement, pointer, at, message) => {
    const text = policy(statement);
    const r = parsePolicy(text, 'policy.json');
    expect(r.errors).toEqual([
      { code: 'INVALID_POLICY', file: 'policy.json', pointer, line: 1, column: columnOf(text, at), message },
    ]);
    expect(r.document).toBeDefined();
  });

  it('reports every unknown element of a statement', () => {
    const text = policy({ Effects: 'Allow', Action: 's3:GetObject', Resources: '*' });
    expect(errorLines(parsePolicy(text, 'policy.json'))).toEqual([
      `INVALID_POLICY /Statement/0/Effects 1:${columnOf(text, '"Effects"')} unknown statement element "Effects"; did you mean "Effect"?`,
      `INVALID_POLICY /Statement/0/Resources 1:${columnOf(text, '"Resources"')} unknown statement element "Resources"; did you mean "Resource"?`,
    ]);
  });

  it.each([
    ['Effect', '{"Statement": {"Effect": "Allow", "Effect": "Deny", "Action": "*"}}', '/Statement/Effect', 1],
    ['Statement', '{"Statement": {"Effect": "Allow", "Action": "*"}, "Statement": []}', '/Statement', 1],
    [
      'condition key',
      '{"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"Bool": {"k": true, "k": false}}}}',
      '/Statement/Condition/Bool/k',
      0,
    ],
    [
      'condition operator',
      '{"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"Bool": {}, "Bool": {}}}}',
      '/Statement/Condition/Bool',
      0,
    ],
    [
      'principal type',
      '{"Statement": {"Effect": "Allow", "Action": "*", "Principal": {"AWS": "a", "AWS": "b"}}}',
      '/Statement/Principal/AWS',
      0,
    ],
  ])('duplicate %s', (_id, text, pointer, statementsKept) => {
    const key = pointer.split('/').at(-1) ?? '';
    const r = parsePolicy(text, 'policy.json');
    const first = columnOf(text, `"${key}":`);
    const second = columnOf(text, `"${key}":`, true);
    expect(errorLines(r)).toEqual([
      `INVALID_POLICY ${pointer} 1:${second} duplicate key "${key}" (first at line 1, column ${first})`,
    ]);
    expect(r.document?.statements).toHaveLength(statementsKept);
  });

  it('leaves out only the bad statements and reports every one of them', () => {
    const text = policy(
      allow,
      { ...allow, Effect: 'deny' },
      { ...allow, Action: 1 },
      { Effect: 'Deny', Action: '*' },
      7,
    );
    const r = parsePolicy(text, 'policy.json');
    expect(r.errors.map((e) => e.pointer)).toEqual([
      '/Statement/1/Effect',
      '/Statement/2/Action',
      '/Statement/4',
    ]);
    expect(r.document?.statements.map((s) => s.index)).toEqual([0, 3]);
  });

  it('fixture with a lowercase Effect keeps the good statement', () => {
    const r = parsePolicy(fixture('bad-effect-lowercase.json'), 'bad.json');
    expect(errorLines(r)).toEqual([
      'INVALID_POLICY /Statement/0/Effect 5:17 expected "Allow" or "Deny", got "allow" (Effect is case-sensitive)',
    ]);
    expect(r.document?.statements.map(summary)).toEqual([
      {
        index: 1,
        effect: 'Allow',
        action: ['s3:ListBucket'],
        resource: ['arn:aws:s3:::my-app-data-bucket'],
        condition: [],
      },
    ]);
  });
});

describe('parsePolicy: document-level errors', () => {
  it.each([
    [
      'unknown Version',
      '{"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "*"}}',
      ['INVALID_POLICY /Version 1:13 expected "2012-10-17" or "2008-10-17", got "2012-10-18"'],
      1,
    ],
    [
      'Version as a number',
      '{"Version": 2012, "Statement": {"Effect": "Allow", "Action": "*"}}',
      ['INVALID_POLICY /Version 1:13 expected the string "2012-10-17", got 2012'],
      1,
    ],
    [
      'Id as a number',
      '{"Id": 5, "Statement": {"Effect": "Allow", "Action": "*"}}',
      ['INVALID_POLICY /Id 1:8 expected a string, got 5'],
      1,
    ],
    [
      'no Statement',
      '{"Version": "2012-10-17"}',
      ['INVALID_POLICY (root) 1:1 the policy has no "Statement"'],
      0,
    ],
    [
      '"Statements" typo, no second error',
      '{"Version": "2012-10-17", "Statements": []}',
      ['INVALID_POLICY /Statements 1:27 unknown policy element "Statements"; did you mean "Statement"?'],
      0,
    ],
    [
      'empty Statement array',
      '{"Version": "2012-10-17", "Statement": []}',
      ['INVALID_POLICY /Statement 1:40 expected at least one statement, got []'],
      0,
    ],
    [
      'Statement as a string',
      '{"Version": "2012-10-17", "Statement": "Allow"}',
      ['INVALID_POLICY /Statement 1:40 expected a statement object or an array of statements, got "Allow"'],
      0,
    ],
    [
      'unknown top-level element',
      '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*"}, "Extra": true}',
      ['INVALID_POLICY /Extra 1:76 unknown policy element "Extra"; expected one of Version, Id, Statement'],
      1,
    ],
  ])('%s', (_id, text, expected, statements) => {
    const r = parsePolicy(text, 'policy.json');
    expect(errorLines(r)).toEqual(expected);
    expect(r.document?.statements).toHaveLength(statements);
  });
});

describe('parsePolicy: not a policy (no document)', () => {
  it.each([
    [
      '{"foo": 1}',
      '{"foo": 1}',
      'NOT_A_POLICY',
      'not a policy: expected a policy document with "Statement", found keys "foo"',
    ],
    ['{}', '{}', 'NOT_A_POLICY', 'not a policy: expected a policy document with "Statement", got {}'],
    [
      'an array',
      '[1, 2]',
      'NOT_A_POLICY',
      'not a policy: expected a policy document object with "Statement", got an array',
    ],
    [
      'a list of statements',
      '[{"Effect": "Allow", "Action": "*"}]',
      'NOT_A_POLICY',
      'not a policy: looks like a list of statements; wrap it as {"Version": "2012-10-17", "Statement": [...]}',
    ],
    [
      'a number',
      '42',
      'NOT_A_POLICY',
      'not a policy: expected a policy document object with "Statement", got 42',
    ],
    [
      'null',
      'null',
      'NOT_A_POLICY',
      'not a policy: expected a policy document object with "Statement", got null',
    ],
    [
      'a plain string',
      '"s3:GetObject"',
      'NOT_A_POLICY',
      'not a policy: expected a policy document, got "s3:GetObject"',
    ],
    [
      'CloudTrail records',
      fixture('not-policy-cloudtrail.json'),
      'NOT_A_POLICY',
      'not a policy: looks like CloudTrail records (it has "Records")',
    ],
    [
      'one CloudTrail event',
      '{"eventSource": "s3.amazonaws.com", "eventName": "GetObject"}',
      'NOT_A_POLICY',
      'not a policy: looks like a single CloudTrail event',
    ],
    [
      'a list of CloudTrail events',
      '[{"eventSource": "s3.amazonaws.com", "eventName": "GetObject"}]',
      'NOT_A_POLICY',
      'not a policy: looks like a list of CloudTrail events',
    ],
    [
      'an ECS task definition',
      '{"family": "app", "taskRoleArn": "arn:aws:iam::1:role/r", "containerDefinitions": []}',
      'NOT_A_POLICY',
      'not a policy: looks like an ECS task definition',
    ],
    [
      'describe-task-definition output',
      '{"taskDefinition": {"family": "app"}}',
      'NOT_A_POLICY',
      'not a policy: looks like an ECS task definition ("aws ecs describe-task-definition" output)',
    ],
    [
      'get-role output',
      '{"Role": {"RoleName": "r", "AssumeRolePolicyDocument": {}}}',
      'NOT_A_POLICY',
      'not a policy: looks like an IAM role ("aws iam get-role" output); its trust policy is under AssumeRolePolicyDocument',
    ],
    [
      'account authorization details',
      '{"UserDetailList": [], "RoleDetailList": []}',
      'NOT_A_POLICY',
      'not a policy: looks like "aws iam get-account-authorization-details" output',
    ],
    [
      'a CloudFormation template',
      '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}',
      'NOT_A_POLICY',
      'not a policy: looks like a CloudFormation template; pass the policy resource, or read the template as CloudFormation',
    ],
    [
      'a Terraform plan',
      '{"format_version": "1.2", "resource_changes": []}',
      'NOT_A_POLICY',
      'not a policy: looks like a Terraform plan',
    ],
    [
      'get-policy output',
      '{"Policy": {"PolicyName": "p", "DefaultVersionId": "v1"}}',
      'NOT_A_POLICY',
      'not a policy: looks like "aws iam get-policy" output, which has no document; use "aws iam get-policy-version"',
    ],
    ['empty text', '', 'EMPTY_FILE', 'empty file, expected JSON'],
  ])('%s', (_id, text, code, message) => {
    const r = parsePolicy(text, 'input.json');
    expect(r.document).toBeUndefined();
    expect(r.errors).toEqual([expect.objectContaining({ code, message, file: 'input.json', pointer: '' })]);
  });

  it('malformed JSON is one INVALID_JSON error with line and column', () => {
    const r = parsePolicy(fixture('bad-malformed.json'), 'bad-malformed.json');
    expect(r.document).toBeUndefined();
    expect(errorLines(r)).toEqual([
      'INVALID_JSON (root) 7:7 invalid JSON: unexpected string "Resource" (missing comma?)',
    ]);
  });
});

describe('parsePolicyNode', () => {
  it('reads a policy embedded in another document and keeps the outer pointers', () => {
    const text =
      '{\n  "Roles": [\n    {"Name": "r", "Inline": {"Statement": {"Effect": "Deny", "Action": "*"}}}\n  ]\n}';
    const outer = parseJsonLocated(text, 'details.json');
    if (!outer.ok) throw new Error('fixture must parse');
    const roles = outer.value.kind === 'object' ? outer.value.entries[0]?.value : undefined;
    const role = roles?.kind === 'array' ? roles.items[0] : undefined;
    const inline = role?.kind === 'object' ? role.entries[1]?.value : undefined;
    if (!inline) throw new Error('fixture shape');
    const r = parsePolicyNode(inline, 'details.json');
    expect(r.errors).toEqual([]);
    expect(r.document?.loc).toEqual({
      file: 'details.json',
      pointer: '/Roles/0/Inline',
      line: 3,
      column: 29,
    });
    expect(r.document?.statements[0]?.effect.loc).toEqual({
      file: 'details.json',
      pointer: '/Roles/0/Inline/Statement/Effect',
      line: 3,
      column: 54,
    });
  });
});
