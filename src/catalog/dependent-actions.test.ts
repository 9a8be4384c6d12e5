import { describe, expect, it } from 'vitest';
import {
  DEPENDENT_ACTIONS,
  dependentActionRules,
  unconditionalDependentActions,
} from './dependent-actions.js';
import { loadCatalog } from './load.js';

const catalog = loadCatalog();

describe('DEPENDENT_ACTIONS', () => {
  it.each(DEPENDENT_ACTIONS.map((row) => [row.action, row.requires.join(', '), row] as const))(
    '%s → %s names real actions in AWS spelling, with a reason and an AWS source',
    (_action, _requires, row) => {
      expect(catalog.actionByKey(row.action)?.key).toBe(row.action);
      for (const required of row.requires) expect(catalog.actionByKey(required)?.key).toBe(required);
      expect(row.reason).not.toBe('');
      expect(row.when ?? 'always').not.toBe('');
      expect(row.source).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|repost\.aws)\//);
    },
  );
});

describe('merged into ActionInfo', () => {
  it.each([
    'ecs:RunTask',
    'ecs:StartTask',
    'ecs:CreateService',
    'ecs:UpdateService',
    'ecs:RegisterTaskDefinition',
    'lambda:CreateFunction',
  ])('%s depends on iam:PassRole', (key) => {
    expect(catalog.actionByKey(key)?.dependentActions).toEqual(['iam:PassRole']);
  });

  it.each([
    ['s3:GetObject', 'kms:Decrypt'],
    ['s3:PutObject', 'kms:GenerateDataKey'],
    ['sqs:SendMessage', 'kms:GenerateDataKey'],
    ['ec2:RunInstances', 'iam:PassRole'],
  ])('leaves the conditional %s → %s in the table only', (key, required) => {
    expect(catalog.actionByKey(key)?.dependentActions).not.toContain(required);
    expect(dependentActionRules(key).flatMap((row) => row.requires)).toContain(required);
  });

  it('looks rows up case-insensitively', () => {
    expect(unconditionalDependentActions('ECS:runtask')).toEqual(['iam:PassRole']);
    expect(unconditionalDependentActions('s3:GetObject')).toEqual([]);
    expect(dependentActionRules('S3:PUTOBJECT')).toHaveLength(2);
  });
});
