// Decisions per second of the engine on a realistic policy set: 10 identity statements with
// wildcards and conditions, a bucket policy, a permissions boundary and an SCP.
import { performance } from 'node:perf_hooks';
import { authorize, compilePolicySet, type NamedPolicy } from '../src/analyses/evaluate/authorize.js';
import { loadCatalog } from '../src/catalog/index.js';
import type { AuthorizationRequest } from '../src/model/index.js';
import { parsePolicy } from '../src/sources/index.js';
import { machine, median } from './util.js';

const A = '111122223333';
const doc = (name: string, d: object): NamedPolicy => {
  const parsed = parsePolicy(JSON.stringify(d), name);
  if (!parsed.document || parsed.errors.length) throw new Error(`${name}: ${parsed.errors[0]?.message}`);
  return { name, document: parsed.document };
};

const identity = doc('task-role', {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Read',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: 'arn:aws:s3:::app-data-*/*',
    },
    {
      Sid: 'List',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::app-data-*',
      Condition: { StringLike: { 's3:prefix': ['in/*', 'out/*'] } },
    },
    {
      Sid: 'Write',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:AbortMultipartUpload'],
      Resource: 'arn:aws:s3:::app-data-out/${aws:PrincipalTag/team}/*',
    },
    {
      Sid: 'Queue',
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
      Resource: `arn:aws:sqs:us-east-1:${A}:app-*`,
    },
    {
      Sid: 'Table',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
      Resource: [
        `arn:aws:dynamodb:us-east-1:${A}:table/orders`,
        `arn:aws:dynamodb:us-east-1:${A}:table/orders/index/*`,
      ],
    },
    {
      Sid: 'Secrets',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:prod/app/*`,
      Condition: { StringEquals: { 'aws:ResourceTag/app': 'orders' } },
    },
    {
      Sid: 'Kms',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: `arn:aws:kms:us-east-1:${A}:key/*`,
      Condition: { StringLike: { 'kms:ViaService': ['s3.*.amazonaws.com', 'sqs.*.amazonaws.com'] } },
    },
    {
      Sid: 'Logs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:aws:logs:us-east-1:${A}:log-group:/ecs/app:*`,
    },
    { Sid: 'Identity', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' },
    {
      Sid: 'DenyInsecure',
      Effect: 'Deny',
      Action: 's3:*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});
const bucketPolicy = doc('bucket-policy', {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Account',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${A}:root` },
      Action: 's3:*',
      Resource: ['arn:aws:s3:::app-data-in', 'arn:aws:s3:::app-data-in/*'],
    },
    {
      Sid: 'DenyOutsideVpce',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: 'arn:aws:s3:::app-data-in/*',
      Condition: { StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-0abc' } },
    },
  ],
});
const boundary = doc('boundary', {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        's3:*',
        'sqs:*',
        'dynamodb:*',
        'secretsmanager:GetSecretValue',
        'kms:*',
        'logs:*',
        'sts:GetCallerIdentity',
      ],
      Resource: '*',
    },
  ],
});
const scp = doc('scp-region', {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*', 's3:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
    },
  ],
});

const principal = {
  type: 'AssumedRole' as const,
  arn: `arn:aws:sts::${A}:assumed-role/app-task-role/8f2b6e1c9d4a4b7e9c3d2a1b0f9e8d7c`,
  roleArn: `arn:aws:iam::${A}:role/service/app-task-role`,
  account: A,
  tags: { team: 'orders' },
};
const context = { 'aws:SecureTransport': 'true', 'aws:SourceVpce': 'vpce-0abc', 's3:prefix': 'in/2026/' };
const requests: AuthorizationRequest[] = [
  {
    principal,
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::app-data-in/in/2026/11/27/file.json',
    context,
  },
  { principal, action: 's3:ListBucket', resource: 'arn:aws:s3:::app-data-in', context },
  { principal, action: 's3:PutObject', resource: 'arn:aws:s3:::app-data-out/orders/report.csv', context },
  { principal, action: 's3:PutObject', resource: 'arn:aws:s3:::another-bucket/x', context },
  { principal, action: 'sqs:ReceiveMessage', resource: `arn:aws:sqs:us-east-1:${A}:app-orders`, context },
  {
    principal,
    action: 'dynamodb:Query',
    resource: `arn:aws:dynamodb:us-east-1:${A}:table/orders/index/by-customer`,
    context,
  },
  {
    principal,
    action: 'secretsmanager:GetSecretValue',
    resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:prod/app/db-AbCdEf`,
    context: { ...context, 'aws:ResourceTag/app': 'orders' },
  },
  {
    principal,
    action: 'kms:Decrypt',
    resource: `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    context: { ...context, 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
  },
  {
    principal,
    action: 'logs:PutLogEvents',
    resource: `arn:aws:logs:us-east-1:${A}:log-group:/ecs/app:log-stream:web/app/8f2b`,
    context,
  },
  { principal, action: 'iam:PassRole', resource: `arn:aws:iam::${A}:role/admin`, context },
];

/** The bench's policy set and requests, compiled (also for profiling). */
export function evaluateFixture() {
  return {
    set: compilePolicySet({
      identity: [identity],
      resourcePolicy: bucketPolicy,
      permissionsBoundary: boundary,
      scps: [[scp]],
    }),
    requests,
  };
}

export function benchEvaluate(): string {
  const catalog = loadCatalog();
  const { set } = evaluateFixture();
  const decisionsPerSecond = (explain: boolean): number => {
    const rates: number[] = [];
    for (let run = 0; run < 5; run++) {
      const n = explain ? 100_000 : 500_000;
      const start = performance.now();
      for (let i = 0; i < n; i++) authorize(set, requests[i % requests.length]!, catalog, { explain });
      rates.push((n / (performance.now() - start)) * 1000);
    }
    return median(rates);
  };
  decisionsPerSecond(false); // warm up the JIT and the per-action caches
  const fast = decisionsPerSecond(false);
  const explained = decisionsPerSecond(true);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  return `evaluate: ${fmt(fast)} decisions/s without explanations, ${fmt(explained)} decisions/s with them, median of 5, 10 identity statements + bucket policy + boundary + SCP, ${requests.length} request shapes; ${machine()}`;
}
