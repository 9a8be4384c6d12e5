import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { privilegeEscalation } from './privilege-escalation.js';

const ROLE = 'arn:aws:iam::111122223333:role/app-task-role';
const allow = (Action: string | string[], Resource: string | string[] = '*') => ({
  Effect: 'Allow',
  Action,
  Resource,
});

describe('PRIVILEGE_ESCALATION', () => {
  runCheckCases(privilegeEscalation, {
    valid: [
      { id: 'PassRole on a named role', policy: policy(allow('iam:PassRole', ROLE)) },
      {
        id: 'PassRole on a named role, limited to ECS tasks',
        policy: policy({
          ...allow('iam:PassRole', ROLE),
          Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        }),
      },
      {
        id: 'PassRole on a named role together with ec2:RunInstances',
        policy: policy(allow('iam:PassRole', ROLE), allow('ec2:RunInstances')),
      },
      {
        id: 'PassRole on a named role in the same statement as RunInstances',
        policy: policy(allow(['iam:PassRole', 'ec2:RunInstances'], ROLE)),
      },
      {
        id: 'PassRole and RunInstances in one statement: broad EC2 ARNs cannot name a role',
        policy: policy(
          allow(
            ['ec2:RunInstances', 'iam:PassRole'],
            ['arn:aws:ec2:*:111122223333:*', 'arn:aws:iam::111122223333:role/ec2-app'],
          ),
        ),
      },
      {
        id: 'AssumeRole on a named role',
        policy: policy(allow('sts:AssumeRole', 'arn:aws:iam::444455556666:role/reader')),
      },
      { id: 'read-only IAM on *', policy: policy(allow(['iam:Get*', 'iam:List*'])) },
      { id: 'Deny iam:* on *', policy: policy({ Effect: 'Deny', Action: 'iam:*', Resource: '*' }) },
      {
        id: 'Allow NotAction is ALLOW_NOT_ACTION, not this',
        policy: policy({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }),
      },
      {
        id: 'running code without PassRole',
        policy: policy(allow(['lambda:InvokeFunction', 'ecs:RunTask', 'ec2:RunInstances'])),
      },
    ],
    invalid: [
      {
        id: 'PassRole on *',
        policy: policy(allow('iam:PassRole')),
        findings: [{ statement: 0, action: 'iam:PassRole' }],
      },
      {
        id: 'PassRole on every role of the account',
        policy: policy(allow('iam:PassRole', 'arn:aws:iam::111122223333:role/*')),
        findings: [{ statement: 0, action: 'iam:PassRole' }],
      },
      {
        id: 'PassRole on * even limited to one service',
        policy: policy({
          ...allow('iam:PassRole'),
          Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
        }),
        findings: [{ statement: 0, action: 'iam:PassRole' }],
      },
      {
        id: 'PassRole on * with ec2:RunInstances: one finding, on the PassRole statement',
        policy: policy(allow('ec2:RunInstances'), allow('iam:PassRole')),
        findings: [{ statement: 1, action: 'iam:PassRole' }],
      },
      {
        id: 'iam:* on *: one finding per statement',
        policy: policy(allow('iam:*')),
        findings: [{ statement: 0 }],
      },
      {
        id: 'AttachRolePolicy even on a named role',
        policy: policy(allow('iam:AttachRolePolicy', ROLE)),
        findings: [{ statement: 0, action: 'iam:AttachRolePolicy' }],
      },
      {
        id: 'CreatePolicyVersion through a pattern',
        policy: policy(allow('iam:CreatePolicy*', 'arn:aws:iam::111122223333:policy/*')),
        findings: [{ statement: 0, action: 'iam:CreatePolicyVersion' }],
      },
      {
        id: 'AssumeRole on *',
        policy: policy(allow('sts:AssumeRole')),
        findings: [{ statement: 0, action: 'sts:AssumeRole' }],
      },
      {
        id: 'PutRolePolicy',
        policy: policy(allow('iam:PutRolePolicy', ROLE)),
        findings: [{ statement: 0, action: 'iam:PutRolePolicy' }],
      },
      {
        id: 'the broad PassRole grant is the one reported',
        policy: policy(allow('iam:PassRole', ROLE), allow('iam:PassRole', 'arn:aws:iam::*:role/*')),
        findings: [{ statement: 1, action: 'iam:PassRole' }],
      },
    ],
  });

  it('explains the path and counts the others', () => {
    const [f] = findingsOf(
      privilegeEscalation,
      policy({ Sid: 'Deploy', ...allow(['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask']) }),
    );
    expect(f).toMatchObject({ severity: 'security', sid: 'Deploy', action: 'iam:PassRole' });
    expect(f?.message).toMatchInlineSnapshot(
      `"iam:PassRole on any role with ecs:RegisterTaskDefinition and ecs:RunTask can run a task with a more privileged task role (and 1 more way to escalate); remove it or limit it to named resources."`,
    );
  });
});
