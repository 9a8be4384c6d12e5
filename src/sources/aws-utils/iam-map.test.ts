import { describe, expect, it } from 'vitest';
import type { InputError } from '../../model/errors.js';
import { mapManagedPolicy, mapRole } from './iam-map.js';

const ROLE = 'arn:aws:iam::111122223333:role/service/app-task-role';
const doc = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
// What the real API returns: RFC 3986 URL-encoding.
const encoded = (text: string) => encodeURIComponent(text);

describe('mapRole', () => {
  it('reads URL-encoded and plain documents, attachments and the boundary', () => {
    const errors: InputError[] = [];
    const role = mapRole(
      {
        Arn: ROLE,
        RoleName: 'app-task-role',
        Path: '/service/',
        AssumeRolePolicyDocument: encoded(
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'ecs-tasks.amazonaws.com' },
                Action: 'sts:AssumeRole',
              },
            ],
          }),
        ),
        RolePolicyList: [
          { PolicyName: 'encoded', PolicyDocument: encoded(doc('s3:GetObject')) },
          { PolicyName: 'plain', PolicyDocument: doc('s3:ListBucket') },
        ],
        AttachedManagedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
        PermissionsBoundary: { PermissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/boundary' },
      },
      errors,
    );
    expect(errors).toEqual([]);
    expect(role).toMatchObject({
      name: 'app-task-role',
      path: '/service/',
      account: '111122223333',
      managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      permissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/boundary',
      loc: { file: 'aws:iam:GetAccountAuthorizationDetails', pointer: ROLE },
    });
    expect(role?.trustPolicy?.statements).toHaveLength(1);
    expect(role?.inlinePolicies.map((p) => [p.name, p.document.statements[0]?.action?.[0]?.value])).toEqual([
      ['encoded', 's3:GetObject'],
      ['plain', 's3:ListBucket'],
    ]);
    expect(role?.inlinePolicies[0]?.document.statements[0]?.loc).toMatchObject({
      file: 'aws:iam:GetAccountAuthorizationDetails',
      pointer: `${ROLE}/RolePolicyList/encoded/PolicyDocument/Statement/0`,
    });
  });

  it('reports a document that is not a policy, pointing at the role, and leaves it out', () => {
    const errors: InputError[] = [];
    const role = mapRole(
      { Arn: ROLE, RolePolicyList: [{ PolicyName: 'bad', PolicyDocument: '%7Bnot json' }] },
      errors,
    );
    expect(role?.inlinePolicies).toEqual([]);
    expect(errors.map((e) => [e.code, e.pointer])).toEqual([
      ['INVALID_JSON', `${ROLE}/RolePolicyList/bad/PolicyDocument`],
    ]);
  });
});

describe('mapManagedPolicy', () => {
  it('takes the default version', () => {
    const errors: InputError[] = [];
    const p = mapManagedPolicy(
      {
        Arn: 'arn:aws:iam::111122223333:policy/app',
        PolicyName: 'app',
        DefaultVersionId: 'v2',
        PolicyVersionList: [
          { VersionId: 'v1', IsDefaultVersion: false, Document: encoded(doc('s3:*')) },
          { VersionId: 'v2', IsDefaultVersion: true, Document: encoded(doc('s3:GetObject')) },
        ],
      },
      errors,
    );
    expect(errors).toEqual([]);
    expect(p?.document.statements[0]?.action?.[0]?.value).toBe('s3:GetObject');
  });
});
