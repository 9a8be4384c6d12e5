/**
 * Failing closed: a statement the engine cannot evaluate never silently drops a Deny, and a
 * request that AWS could not make is reported as an error, not answered as a quiet deny. AWS
 * itself rejects such policies and requests; the rule here is the contract's (cli-contract.md:
 * `UNKNOWN_CONDITION_OPERATOR`, and `errors` in the test command's results). For a malformed
 * request the error is the answer (exit 2); the decision beside it is the policies read literally.
 */
import { describe } from 'vitest';
import {
  allow,
  BUCKET,
  type CaseRow,
  deny,
  FULL_ACCESS,
  OBJECT,
  policy,
  QUEUE_A,
  ROLE_ARN,
  runCases,
  session,
} from './case-runner.js';

const me = session();
const READ = policy(allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'Read' }));
const BAD_DENY = policy(
  deny('s3:*', '*', { Sid: 'BadDeny', Condition: { StringEqualz: { 'aws:PrincipalTag/team': 'x' } } }),
);
const CO = 'IAM UG, Condition operators: the operator must be one AWS defines; fail closed per the contract';
const SAR = 'SAR, the action table: the resource types each action applies to';

const rows: CaseRow[] = [
  [
    `an identity Deny with an unknown operator (StringEqualz) counts as applying, with an error (${CO})`,
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: { identity: [READ, BAD_DENY] },
      expect: 'ExplicitDeny',
      error: /StringEqualz/,
      sids: { errors: ['BadDeny'] },
    },
  ],
  [
    `a bucket-policy Deny with an unknown operator counts as applying, with an error (${CO})`,
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [READ],
        resourcePolicy: policy(
          deny('s3:*', '*', {
            Sid: 'BadBucketDeny',
            Principal: '*',
            Condition: { StringEqualz: { 'aws:PrincipalTag/team': 'x' } },
          }),
        ),
      },
      expect: 'ExplicitDeny',
      error: /StringEqualz/,
      sids: { errors: ['BadBucketDeny'] },
    },
  ],
  [
    `an SCP Deny with an unknown operator counts as applying, with an error (${CO})`,
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: { identity: [READ], scps: [[FULL_ACCESS, BAD_DENY]] },
      expect: 'ExplicitDeny',
      error: /StringEqualz/,
    },
  ],
  [
    `a boundary Deny with an unknown set qualifier counts as applying, with an error (${CO}: ForAnyValue / ForAllValues are the only qualifiers)`,
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [READ],
        permissionsBoundary: policy(
          allow('*', '*'),
          deny('s3:*', '*', {
            Sid: 'BadQualifier',
            Condition: { 'ForSomeValues:StringEquals': { 'aws:TagKeys': 'x' } },
          }),
        ),
      },
      expect: 'ExplicitDeny',
      error: /ForSomeValues/,
    },
  ],
  [
    `an Allow with an unknown operator does not allow, with an error (${CO})`,
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [
          policy(
            allow('s3:GetObject', '*', {
              Sid: 'BadAllow',
              Condition: { StringEqualz: { 'aws:PrincipalTag/team': 'x' } },
            }),
          ),
        ],
      },
      expect: 'ImplicitDeny',
      error: /StringEqualz/,
      sids: { errors: ['BadAllow'] },
    },
  ],
  [
    `a Deny with an IpAddress value that is not an address counts as applying, with an error (${CO}: IpAddress takes CIDR values)`,
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      context: { 'aws:SourceIp': '203.0.113.10' },
      policies: {
        identity: [
          READ,
          policy(
            deny('s3:*', '*', { Sid: 'BadIp', Condition: { NotIpAddress: { 'aws:SourceIp': 'office' } } }),
          ),
        ],
      },
      expect: 'ExplicitDeny',
      error: /office/,
    },
  ],
  // Malformed requests.
  [
    `s3:GetObject on a bucket ARN is not a request AWS can make: error (${SAR}: GetObject applies to object)`,
    {
      principal: me,
      action: 's3:GetObject',
      resource: BUCKET,
      policies: { identity: [policy(allow('s3:GetObject', [BUCKET, `${BUCKET}/*`]))] },
      expect: 'Allow',
      error: /not a resource of s3:GetObject/,
    },
  ],
  [
    `s3:ListBucket on an object ARN: error (${SAR}: ListBucket applies to bucket)`,
    {
      principal: me,
      action: 's3:ListBucket',
      resource: OBJECT,
      policies: { identity: [READ] },
      expect: 'ImplicitDeny',
      error: /not a resource of s3:ListBucket/,
    },
  ],
  [
    `sqs:SendMessage on an S3 ARN: error (${SAR}: SendMessage applies to queue)`,
    {
      principal: me,
      action: 'sqs:SendMessage',
      resource: OBJECT,
      policies: { identity: [policy(allow('sqs:*', '*'))] },
      expect: 'Allow',
      error: /not a resource of sqs:SendMessage/,
    },
  ],
  [
    `an action without a resource type asked about a resource ARN: error (${SAR}: such actions carry the resource "*")`,
    {
      principal: me,
      action: 's3:ListAllMyBuckets',
      resource: BUCKET,
      policies: { identity: [policy(allow('s3:*', '*'))] },
      expect: 'Allow',
      error: /has no resource type/,
    },
  ],
  [
    `an unknown action: error (${SAR}: the action does not exist)`,
    {
      principal: me,
      action: 's3:GetObjekt',
      resource: OBJECT,
      policies: { identity: [policy(allow('s3:*', '*'))] },
      expect: 'Allow',
      error: /unknown action "s3:GetObjekt"/,
    },
  ],
  [
    `a role session without its role ARN: error, aws:PrincipalArn cannot be known (IAM UG, global keys: aws:PrincipalArn is the role ARN for a session)`,
    {
      principal: {
        type: 'AssumedRole',
        arn: `arn:aws:sts::111122223333:assumed-role/app-task-role/s`,
        account: '111122223333',
      },
      action: 'sqs:SendMessage',
      resource: QUEUE_A,
      policies: {
        identity: [
          policy(
            allow('sqs:SendMessage', '*', { Condition: { ArnEquals: { 'aws:PrincipalArn': ROLE_ARN } } }),
          ),
        ],
      },
      expect: 'ImplicitDeny',
      error: /needs roleArn/,
    },
  ],
];

describe('failing closed and malformed requests', () => runCases(rows));
