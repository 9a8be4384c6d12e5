import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { unknownAction } from './unknown-action.js';

const O = 'arn:aws:s3:::my-app-data-bucket/*';
const allow = (Action: string | string[], Resource: string | string[] = O) => ({
  Effect: 'Allow',
  Action,
  Resource,
});
const replace = (from: string, to: string) => ({ replaceAction: { from, to } });

describe('UNKNOWN_ACTION', () => {
  runCheckCases(unknownAction, {
    valid: [
      { id: 'real actions', policy: policy(allow(['s3:GetObject', 's3:PutObject'])) },
      {
        id: 'actions are case-insensitive',
        policy: policy(allow(['S3:getobject', 'DynamoDB:GETITEM'], '*')),
      },
      { id: 'a pattern that matches', policy: policy(allow(['s3:Get*', 's3:*Object', 's3:GetObjec?'])) },
      { id: 'Action *', policy: policy(allow('*', '*')) },
      { id: 'Action *:*', policy: policy(allow('*:*', '*')) },
      { id: 'wildcard service part matching a real action', policy: policy(allow('*:GetObject')) },
      { id: 'unknown service is UNKNOWN_SERVICE, not this', policy: policy(allow('s4:GetObject')) },
      { id: 'whole-service wildcard', policy: policy(allow('s3:*', '*')) },
    ],
    invalid: [
      {
        id: 'seed typo s3:GetObjct',
        policy: policy(allow(['s3:GetObjct', 's3:ListBucket'])),
        findings: [{ statement: 0, action: 's3:GetObjct', fix: replace('s3:GetObjct', 's3:GetObject') }],
      },
      {
        id: 'plural slip dynamodb:GetItems',
        policy: policy(allow('dynamodb:GetItems', 'arn:aws:dynamodb:us-east-1:111122223333:table/orders')),
        findings: [
          {
            statement: 0,
            action: 'dynamodb:GetItems',
            fix: replace('dynamodb:GetItems', 'dynamodb:GetItem'),
          },
        ],
      },
      {
        id: 'the fix uses the catalogue spelling',
        policy: policy(allow('S3:GETOBJCT')),
        findings: [{ statement: 0, action: 'S3:GETOBJCT', fix: replace('S3:GETOBJCT', 's3:GetObject') }],
      },
      {
        id: 'an action of another service (sqs:GetObject)',
        policy: policy(allow('sqs:GetObject', '*')),
        findings: [{ statement: 0, action: 'sqs:GetObject' }],
      },
      {
        id: 'a pattern matching nothing gets no guess',
        policy: policy(allow('s3:Fetch*')),
        findings: [{ statement: 0, action: 's3:Fetch*', fix: undefined }],
      },
      {
        id: 'no service prefix',
        policy: policy(allow('GetObject')),
        findings: [{ statement: 0, action: 'GetObject', fix: undefined }],
      },
      {
        id: 'in a Deny (which then denies nothing)',
        policy: policy({ Effect: 'Deny', Action: 's3:DeleteObjcet', Resource: O }),
        findings: [
          { statement: 0, action: 's3:DeleteObjcet', fix: replace('s3:DeleteObjcet', 's3:DeleteObject') },
        ],
      },
      {
        id: 'in NotAction',
        policy: policy({ Effect: 'Deny', NotAction: ['iam:PasRole'], Resource: '*' }),
        findings: [{ statement: 0, action: 'iam:PasRole', fix: replace('iam:PasRole', 'iam:PassRole') }],
      },
      {
        id: 'each entry, in its statement',
        policy: policy(allow('s3:GetObject'), allow(['s3:PutObjct', 'sqs:SendMesage'], '*')),
        findings: [
          { statement: 1, action: 's3:PutObjct', fix: replace('s3:PutObjct', 's3:PutObject') },
          { statement: 1, action: 'sqs:SendMesage', fix: replace('sqs:SendMesage', 'sqs:SendMessage') },
        ],
      },
    ],
  });

  it('suggests the closest action', () => {
    const [f] = findingsOf(unknownAction, policy({ Sid: 'Read', ...allow('s3:GetObjct') }));
    expect(f).toMatchObject({ severity: 'error', sid: 'Read', action: 's3:GetObjct' });
    expect(f?.message).toMatchInlineSnapshot(
      `""s3:GetObjct" is not an action of s3 in the service reference (0.21.202609261); did you mean "s3:GetObject"?"`,
    );
  });
});
