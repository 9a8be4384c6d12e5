import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { redundantAction } from './redundant-action.js';

const O = 'arn:aws:s3:::my-app-data-bucket/*';
const allow = (Action: string | string[], Resource: string | string[] = O) => ({
  Effect: 'Allow',
  Action,
  Resource,
});

describe('REDUNDANT_ACTION', () => {
  runCheckCases(redundantAction, {
    valid: [
      { id: 'distinct actions', policy: policy(allow(['s3:GetObject', 's3:PutObject'])) },
      { id: 'a pattern and an action it does not cover', policy: policy(allow(['s3:Get*', 's3:PutObject'])) },
      {
        id: 'overlapping patterns, neither covering the other',
        policy: policy(allow(['s3:Get*', 's3:*Object'])),
      },
      {
        id: 'the same action in two statements',
        policy: policy(allow('s3:GetObject'), allow('s3:GetObject', 'arn:aws:s3:::other/*')),
      },
      {
        id: 'the same action name in two services',
        policy: policy(allow(['sqs:ListQueues', 'sns:ListTopics'], '*')),
      },
      { id: 'a single action', policy: policy(allow('s3:GetObject')) },
      {
        id: 'duplicated unknown action is UNKNOWN_ACTION, not this',
        policy: policy(allow(['s3:GetObjct', 's3:GetObjct'])),
      },
      { id: 'Action * beside nothing else', policy: policy(allow('*', '*')) },
    ],
    invalid: [
      {
        id: 's3:GetObject beside s3:Get*',
        policy: policy(allow(['s3:Get*', 's3:GetObject'])),
        findings: [{ statement: 0, action: 's3:GetObject', fix: { removeAction: 's3:GetObject' } }],
      },
      {
        id: 'covered entry listed first',
        policy: policy(allow(['s3:GetObject', 's3:Get*'])),
        findings: [{ statement: 0, action: 's3:GetObject', fix: { removeAction: 's3:GetObject' } }],
      },
      {
        id: 'exact duplicate: the later one goes',
        policy: policy(allow(['s3:GetObject', 's3:PutObject', 's3:GetObject'])),
        findings: [{ statement: 0, action: 's3:GetObject', fix: { removeAction: 's3:GetObject' } }],
      },
      {
        id: 'equal entries differing only in case',
        policy: policy(allow(['s3:GetObject', 'S3:getobject'])),
        findings: [{ statement: 0, action: 'S3:getobject', fix: { removeAction: 'S3:getobject' } }],
      },
      {
        id: 'a narrower pattern inside a broader one',
        policy: policy(allow(['s3:*', 's3:Get*'])),
        findings: [{ statement: 0, action: 's3:Get*', fix: { removeAction: 's3:Get*' } }],
      },
      {
        id: 'everything beside *',
        policy: policy(allow(['*', 'sqs:SendMessage'], '*')),
        findings: [{ statement: 0, action: 'sqs:SendMessage', fix: { removeAction: 'sqs:SendMessage' } }],
      },
      {
        id: 'several covered entries',
        policy: policy(allow(['s3:GetObject', 's3:Get*', 's3:GetObjectTagging'])),
        findings: [
          { statement: 0, action: 's3:GetObject', fix: { removeAction: 's3:GetObject' } },
          { statement: 0, action: 's3:GetObjectTagging', fix: { removeAction: 's3:GetObjectTagging' } },
        ],
      },
      {
        id: 'in NotAction too',
        policy: policy({ Effect: 'Deny', NotAction: ['iam:*', 'iam:PassRole'], Resource: '*' }),
        findings: [{ statement: 0, action: 'iam:PassRole', fix: { removeAction: 'iam:PassRole' } }],
      },
      {
        id: 'reported in the statement that has it',
        policy: policy(allow('s3:GetObject'), allow(['dynamodb:GetItem', 'dynamodb:Get*'], '*')),
        findings: [{ statement: 1, action: 'dynamodb:GetItem', fix: { removeAction: 'dynamodb:GetItem' } }],
      },
    ],
  });

  it('names the covering entry', () => {
    const [f] = findingsOf(redundantAction, policy({ Sid: 'Read', ...allow(['s3:Get*', 's3:GetObject']) }));
    expect(f).toMatchObject({ severity: 'suggestion', sid: 'Read', action: 's3:GetObject' });
    expect(f?.message).toMatchInlineSnapshot(
      `""s3:GetObject" is already covered by "s3:Get*" in this statement; remove it."`,
    );
  });
});
