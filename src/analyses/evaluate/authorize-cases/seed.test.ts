/** The project's seed: the ECS task role policy every other example grows from. */
import { describe } from 'vitest';
import type { Principal } from '../../../model/index.js';
import { type CaseRow, type Doc, runCases } from './case-runner.js';

const SEED: Doc = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::my-app-data-bucket', 'arn:aws:s3:::my-app-data-bucket/*'],
    },
  ],
};

const OBJECT_ONLY: Doc = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadData',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: 'arn:aws:s3:::my-app-data-bucket/*',
    },
  ],
};

const TASK: Principal = {
  type: 'AssumedRole',
  arn: 'arn:aws:sts::123456789012:assumed-role/MyECSTaskRole/8f2b6e1c9d4a4b7e9c3d2a1b0f9e8d7c',
  roleArn: 'arn:aws:iam::123456789012:role/MyECSTaskRole',
  account: '123456789012',
};

const seed = (action: string, resource: string, expect: CaseRow[1]['expect']): CaseRow[1] => ({
  principal: TASK,
  action,
  resource,
  policies: { identity: [SEED] },
  expect,
});

describe('seed', () => {
  runCases([
    [
      'seed: s3:GetObject on an object of the bucket is allowed (IAM UG, Policy evaluation logic: identity-based policies)',
      seed('s3:GetObject', 'arn:aws:s3:::my-app-data-bucket/x', 'Allow'),
    ],
    [
      's3:ListBucket on the bucket is allowed by the bucket ARN entry (IAM UG, Policy evaluation logic: identity-based policies)',
      seed('s3:ListBucket', 'arn:aws:s3:::my-app-data-bucket', 'Allow'),
    ],
    [
      'seed: s3:PutObject is not listed, so implicitly denied (IAM UG, eval logic: "By default, all requests are implicitly denied")',
      seed('s3:PutObject', 'arn:aws:s3:::my-app-data-bucket/x', 'ImplicitDeny'),
    ],
    [
      'seed: s3:GetObject on another bucket matches no Resource (IAM UG, eval logic: implicit deny)',
      seed('s3:GetObject', 'arn:aws:s3:::another-bucket/x', 'ImplicitDeny'),
    ],
    [
      'object-only policy: s3:ListBucket on the bucket matches no Resource (IAM UG, Resource element; SAR: ListBucket applies to the bucket resource type)',
      {
        principal: TASK,
        action: 's3:ListBucket',
        resource: 'arn:aws:s3:::my-app-data-bucket',
        policies: { identity: [OBJECT_ONLY] },
        expect: 'ImplicitDeny',
        sids: { notMatched: ['ReadData'] },
      },
    ],
    [
      'object-only policy: s3:GetObject on an object still allowed (IAM UG, Resource element)',
      {
        principal: TASK,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::my-app-data-bucket/reports/2024.csv',
        policies: { identity: [OBJECT_ONLY] },
        expect: 'Allow',
        sids: { allows: ['ReadData'] },
      },
    ],
    [
      'seed: the same request with the action in other case is allowed (IAM UG, Action element: "The prefix and the action name are case insensitive")',
      seed('S3:getobject', 'arn:aws:s3:::my-app-data-bucket/x', 'Allow'),
    ],
  ]);
});
