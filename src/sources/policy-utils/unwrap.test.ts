import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../policy.parse.js';

const FIXTURES = new URL('../../../test/fixtures/policies/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

const doc = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-app-data-bucket/*' }],
};
const docText = JSON.stringify(doc);
const encoded = encodeURIComponent(docText);
const json = (v: unknown) => JSON.stringify(v);

describe('policy wrappers', () => {
  it.each([
    ['plain document', docText, 'plain', ''],
    [
      'get-policy-version output',
      json({ PolicyVersion: { Document: doc, VersionId: 'v2', IsDefaultVersion: true } }),
      'get-policy-version',
      '/PolicyVersion/Document',
    ],
    [
      'get-policy-version with the raw API URL-encoded document',
      json({ PolicyVersion: { Document: encoded, VersionId: 'v2' } }),
      'get-policy-version',
      '/PolicyVersion/Document',
    ],
    [
      'get-role-policy output',
      json({ RoleName: 'r', PolicyName: 'p', PolicyDocument: doc }),
      'get-role-policy',
      '/PolicyDocument',
    ],
    [
      'get-role-policy, URL-encoded',
      json({ RoleName: 'r', PolicyName: 'p', PolicyDocument: encoded }),
      'get-role-policy',
      '/PolicyDocument',
    ],
    [
      'get-role-policy, URL-encoded in lower case',
      json({
        RoleName: 'r',
        PolicyName: 'p',
        PolicyDocument: encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      }),
      'get-role-policy',
      '/PolicyDocument',
    ],
    [
      'get-role-policy, document as a JSON string',
      json({ RoleName: 'r', PolicyName: 'p', PolicyDocument: docText }),
      'get-role-policy',
      '/PolicyDocument',
    ],
    [
      'get-user-policy output',
      json({ UserName: 'u', PolicyName: 'p', PolicyDocument: doc }),
      'get-user-policy',
      '/PolicyDocument',
    ],
    [
      'get-group-policy output',
      json({ GroupName: 'g', PolicyName: 'p', PolicyDocument: doc }),
      'get-group-policy',
      '/PolicyDocument',
    ],
    [
      'CloudFormation AWS::IAM::Policy resource',
      json({ Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: ['r'], PolicyDocument: doc } }),
      'cloudformation-resource',
      '/Properties/PolicyDocument',
    ],
    [
      'CloudFormation AWS::IAM::ManagedPolicy resource',
      json({ Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc } }),
      'cloudformation-resource',
      '/Properties/PolicyDocument',
    ],
    [
      'CloudFormation AWS::S3::BucketPolicy resource',
      json({ Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'b', PolicyDocument: doc } }),
      'cloudformation-resource',
      '/Properties/PolicyDocument',
    ],
    [
      'CloudFormation resource properties',
      json({ PolicyName: 'p', Roles: ['r'], PolicyDocument: doc }),
      'cloudformation-properties',
      '/PolicyDocument',
    ],
    ['Terraform json rendered as a top-level JSON string', json(docText), 'json-string', ''],
    [
      'Terraform aws_iam_policy_document attributes',
      json({ id: '123', json: docText, minified_json: docText, statement: [] }),
      'terraform-json',
      '/json',
    ],
    [
      'terraform output -json entry',
      json({ sensitive: false, type: 'string', value: docText }),
      'terraform-output',
      '/value',
    ],
    ['Terraform policy attribute', json({ name: 'p', policy: docText }), 'terraform-policy', '/policy'],
    ['Terraform policy attribute as an object', json({ policy: doc }), 'terraform-policy', '/policy'],
  ])('%s', (_id, text, wrapper, pointer) => {
    const r = parsePolicy(text, 'in.json');
    expect(r.errors).toEqual([]);
    expect(r.document?.wrapper).toBe(wrapper);
    expect(r.document?.loc.pointer).toBe(pointer);
    const [s] = r.document?.statements ?? [];
    expect(s?.resource?.map((x) => x.value)).toEqual(['arn:aws:s3:::my-app-data-bucket/*']);
    expect(s?.resource?.[0]?.loc.pointer).toBe(`${pointer}/Statement/0/Resource`);
    expect(r.document?.version?.value).toBe('2012-10-17');
  });

  it.each([
    [
      'wrapper-get-policy-version.json',
      'get-policy-version',
      '/PolicyVersion/Document/Statement/0/Resource/1',
      14,
      13,
    ],
    // Inside a string, every location is the string's own: positions in the encoded text mean nothing to a reader.
    [
      'wrapper-get-role-policy-urlencoded.json',
      'get-role-policy',
      '/PolicyDocument/Statement/0/Resource/1',
      4,
      21,
    ],
    [
      'wrapper-cloudformation-resource.json',
      'cloudformation-resource',
      '/Properties/PolicyDocument/Statement/0/Resource/1',
      16,
      13,
    ],
    ['wrapper-terraform-json-string.json', 'json-string', '/Statement/0/Resource/1', 1, 1],
  ])('fixture %s', (name, wrapper, pointer, line, column) => {
    const r = parsePolicy(fixture(name), name);
    expect(r.errors).toEqual([]);
    expect(r.document?.wrapper).toBe(wrapper);
    const resource = r.document?.statements[0]?.resource?.[1];
    expect(resource?.value).toBe('arn:aws:s3:::my-app-data-bucket/*');
    expect(resource?.loc).toEqual({ file: name, pointer, line, column });
  });

  it('a statement error inside a URL-encoded document points at the string, with the full pointer', () => {
    const bad = encodeURIComponent(
      json({ Version: '2012-10-17', Statement: { Effect: 'allow', Action: '*' } }),
    );
    const text = `{\n  "RoleName": "r",\n  "PolicyName": "p",\n  "PolicyDocument": "${bad}"\n}`;
    const r = parsePolicy(text, 'role-policy.json');
    expect(r.errors).toEqual([
      {
        code: 'INVALID_POLICY',
        file: 'role-policy.json',
        pointer: '/PolicyDocument/Statement/Effect',
        line: 4,
        column: 21,
        message: 'expected "Allow" or "Deny", got "allow" (Effect is case-sensitive)',
      },
    ]);
    expect(r.document?.statements).toEqual([]);
  });

  it.each([
    [
      'bad URL encoding',
      json({ RoleName: 'r', PolicyDocument: '%7B%22Version%E0%A4%A' }),
      'INVALID_JSON',
      '/PolicyDocument',
      'the URL-encoded policy document does not decode: "%7B%22Version%E0%A4%A"',
    ],
    [
      'malformed JSON in a string',
      json({ RoleName: 'r', PolicyDocument: '{"Version": "2012-10-17",}' }),
      'INVALID_JSON',
      '/PolicyDocument',
      'invalid JSON: unexpected "}" (trailing comma?) (at 1:26 of the policy string)',
    ],
    [
      'malformed JSON in a URL-encoded string',
      json({ RoleName: 'r', PolicyDocument: '%7B%22Version%22' }),
      'INVALID_JSON',
      '/PolicyDocument',
      'invalid JSON: unexpected end of input after string "Version" (at 1:2 of the URL-decoded policy string)',
    ],
    [
      'empty document string',
      json({ RoleName: 'r', PolicyDocument: '' }),
      'INVALID_JSON',
      '/PolicyDocument',
      'the policy document string is empty',
    ],
    [
      'document that is not an object',
      json({ RoleName: 'r', PolicyDocument: 5 }),
      'INVALID_POLICY',
      '/PolicyDocument',
      'expected the policy document to be an object, got 5',
    ],
    [
      'Terraform value that is not a policy',
      json({ value: 'hello', type: 'string' }),
      'NOT_A_POLICY',
      '/value',
      'not a policy: found a terraform-output wrapper, but it holds "hello", not a policy document',
    ],
    [
      'Terraform value holding other JSON',
      json({ value: '{"foo": 1}' }),
      'NOT_A_POLICY',
      '/value',
      'not a policy: found a terraform-output wrapper, but its string holds no "Statement" or "Version"',
    ],
    [
      'get-policy-version without a Document',
      json({ PolicyVersion: { VersionId: 'v1' } }),
      'NOT_A_POLICY',
      '',
      'not a policy: looks like "aws iam get-policy-version" output, but PolicyVersion has no Document',
    ],
    [
      'CloudFormation resource without a PolicyDocument',
      json({ Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: doc } }),
      'NOT_A_POLICY',
      '',
      'not a policy: looks like a CloudFormation AWS::IAM::Role resource, which has no PolicyDocument',
    ],
  ])('%s', (_id, text, code, pointer, message) => {
    const r = parsePolicy(text, 'in.json');
    expect(r.document).toBeUndefined();
    expect(r.errors).toEqual([expect.objectContaining({ code, pointer, message })]);
  });

  it('an error in an embedded string is placed at the string in the outer file', () => {
    const text = `{\n  "RoleName": "r",\n  "PolicyDocument": "%7Bx"\n}`;
    const [e] = parsePolicy(text, 'in.json').errors;
    expect(e).toMatchObject({ code: 'INVALID_JSON', file: 'in.json', line: 3, column: 21 });
  });
});
