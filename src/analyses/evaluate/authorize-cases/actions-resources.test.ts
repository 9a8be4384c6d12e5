/**
 * Action and Resource matching through the engine: case rules and wildcards (IAM UG, "IAM JSON
 * policy elements: Action" and "Resource"; aws-facts §5.2).
 */
import { describe } from 'vitest';
import {
  A,
  allow,
  BUCKET,
  type CaseRow,
  OBJECT,
  type PolicyCase,
  policy,
  QUEUE_A,
  runCases,
  session,
} from './case-runner.js';

const me = session();
const AC = 'IAM UG, Action element';
const RS = 'IAM UG, Resource element';

function req(
  action: string,
  resource: string,
  actions: string | string[],
  resources: string | string[],
  expect: PolicyCase['expect'],
): PolicyCase {
  return {
    principal: me,
    action,
    resource,
    policies: { identity: [policy(allow(actions, resources, { Sid: 'S' }))] },
    expect,
    sids: expect === 'Allow' ? { allows: ['S'] } : { notMatched: ['S'] },
  };
}

const rows: CaseRow[] = [
  // Case.
  [
    `the action in the policy is matched ignoring case (${AC}: "The prefix and the action name are case insensitive")`,
    req('s3:GetObject', OBJECT, 'S3:getobject', `${BUCKET}/*`, 'Allow'),
  ],
  [
    `the action in the request is matched ignoring case (${AC}: case insensitive)`,
    req('S3:GETOBJECT', OBJECT, 's3:GetObject', `${BUCKET}/*`, 'Allow'),
  ],
  [
    `a wildcard action is matched ignoring case (${AC}: case insensitive)`,
    req('s3:GetObject', OBJECT, 'S3:get*', `${BUCKET}/*`, 'Allow'),
  ],
  [
    `the resource is matched with case (${RS}: resource ARNs are case-sensitive; aws-facts §5.2)`,
    req('s3:GetObject', OBJECT, 's3:GetObject', 'arn:aws:s3:::App-Bucket/*', 'ImplicitDeny'),
  ],
  [
    `an object key differing only in case does not match (${RS}: case-sensitive)`,
    req('s3:GetObject', `${BUCKET}/Data/file.json`, 's3:GetObject', `${BUCKET}/data/*`, 'ImplicitDeny'),
  ],
  // Action wildcards.
  [`s3:Get* takes in s3:GetObject (${AC}: wildcards)`, req('s3:GetObject', OBJECT, 's3:Get*', '*', 'Allow')],
  [
    `s3:Get* does not take in s3:PutObject (${AC}: wildcards)`,
    req('s3:PutObject', OBJECT, 's3:Get*', '*', 'ImplicitDeny'),
  ],
  [
    `s3:* takes in s3:PutObject (${AC}: "s3:*" all actions of the service)`,
    req('s3:PutObject', OBJECT, 's3:*', '*', 'Allow'),
  ],
  [
    `s3:* does not take in sqs:SendMessage (${AC}: the service prefix)`,
    req('sqs:SendMessage', QUEUE_A, 's3:*', '*', 'ImplicitDeny'),
  ],
  [
    `"*" takes in every action of every service (${AC}: "*")`,
    req('sqs:SendMessage', QUEUE_A, '*', '*', 'Allow'),
  ],
  [
    `s3:*Object takes in s3:DeleteObject (${AC}: wildcards anywhere in the name)`,
    req('s3:DeleteObject', OBJECT, 's3:*Object', '*', 'Allow'),
  ],
  [
    `s3:*Object does not take in s3:ListBucket (${AC}: wildcards)`,
    req('s3:ListBucket', BUCKET, 's3:*Object', '*', 'ImplicitDeny'),
  ],
  [
    `s3:Get?bject takes in s3:GetObject (${AC}: "?" one character)`,
    req('s3:GetObject', OBJECT, 's3:Get?bject', '*', 'Allow'),
  ],
  [
    `an action list is an OR (${AC}: an array of actions)`,
    req('s3:PutObject', OBJECT, ['s3:GetObject', 's3:PutObject'], `${BUCKET}/*`, 'Allow'),
  ],
  // Resource wildcards.
  [
    `Resource "*" matches any resource (${RS}: "*")`,
    req('s3:GetObject', OBJECT, 's3:GetObject', '*', 'Allow'),
  ],
  [
    `a bucket-name wildcard matches (${RS}: "*" within ARN segments)`,
    req('s3:GetObject', OBJECT, 's3:GetObject', 'arn:aws:s3:::app-*/*', 'Allow'),
  ],
  [
    `"*" spans "/" in a resource path (${RS}: "*" matches any combination of characters)`,
    req('s3:GetObject', `${BUCKET}/a/b/c/d.txt`, 's3:GetObject', `${BUCKET}/a/*`, 'Allow'),
  ],
  [
    `a trailing "*" after the bucket name covers the bucket and its objects (${RS}: wildcards)`,
    req('s3:ListBucket', BUCKET, 's3:ListBucket', `${BUCKET}*`, 'Allow'),
  ],
  [
    `"?" matches one character (${RS}: "?")`,
    req('s3:GetObject', `${BUCKET}/log-7.txt`, 's3:GetObject', `${BUCKET}/log-?.txt`, 'Allow'),
  ],
  [
    `"?" does not match two characters (${RS}: "?")`,
    req('s3:GetObject', `${BUCKET}/log-17.txt`, 's3:GetObject', `${BUCKET}/log-?.txt`, 'ImplicitDeny'),
  ],
  [
    `wildcards in the region and name segments of a queue ARN (${RS}: wildcards within ARN segments)`,
    req('sqs:SendMessage', QUEUE_A, 'sqs:SendMessage', `arn:aws:sqs:*:${A}:app-*`, 'Allow'),
  ],
  [
    `a queue ARN pattern for another account does not match (${RS})`,
    req('sqs:SendMessage', QUEUE_A, 'sqs:SendMessage', 'arn:aws:sqs:*:999988887777:*', 'ImplicitDeny'),
  ],
  [
    `a resource list is an OR (${RS}: an array of resources)`,
    req('s3:GetObject', OBJECT, 's3:GetObject', ['arn:aws:s3:::other/*', `${BUCKET}/*`], 'Allow'),
  ],
  [
    `an action without a resource type is requested on "*" and matched by Resource "*" (SAR: actions with no resource type "require that you specify "*""; ${RS})`,
    req('s3:ListAllMyBuckets', '*', 's3:ListAllMyBuckets', '*', 'Allow'),
  ],
  [
    `an action without a resource type is not matched by a bucket ARN (${RS}; SAR: actions with no resource type)`,
    req('s3:ListAllMyBuckets', '*', 's3:ListAllMyBuckets', `${BUCKET}`, 'ImplicitDeny'),
  ],
];

describe('action and resource matching', () => runCases(rows));
