// A synthetic account as files: 5,000 roles, 10,000 customer managed policies, 20,000 task
// definition revisions (2,500 families × 8), audited end to end (read, parse, audit) on one core.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { auditPaths } from '../src/api/audit.js';
import { machine, rng } from './util.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

const SHAPES = [
  (i: number) => [
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [`arn:aws:s3:::data-${i}`, `arn:aws:s3:::data-${i}/*`],
    },
  ],
  () => [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
  (i: number) => [
    {
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
      Resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:queue-${i}`,
    },
  ],
  (i: number) => [
    {
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/t-${i}`,
    },
  ],
  (i: number) => [
    {
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:app-${i}-*`,
    },
    {
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` } },
    },
  ],
  () => [
    { Effect: 'Allow', Action: ['iam:PassRole', 'ecs:RunTask', 'ecs:RegisterTaskDefinition'], Resource: '*' },
  ],
];

export function writeSyntheticAccount(dir: string, seed = 42): void {
  const random = rng(seed);
  const policies = Array.from({ length: 10_000 }, (_, i) => {
    const doc = { Version: '2012-10-17', Statement: SHAPES[Math.floor(random() * SHAPES.length)]!(i) };
    return {
      PolicyName: `policy-${i}`,
      Arn: `arn:aws:iam::${ACCOUNT}:policy/app/policy-${i}`,
      DefaultVersionId: 'v1',
      PolicyVersionList: [
        { Document: encodeURIComponent(JSON.stringify(doc)), VersionId: 'v1', IsDefaultVersion: true },
      ],
    };
  });
  const trust = encodeURIComponent(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    }),
  );
  const roles = Array.from({ length: 5_000 }, (_, i) => ({
    RoleName: `role-${i}`,
    Path: '/app/',
    Arn: `arn:aws:iam::${ACCOUNT}:role/app/role-${i}`,
    AssumeRolePolicyDocument: trust,
    RolePolicyList:
      random() < 0.5
        ? [
            {
              PolicyName: 'inline',
              PolicyDocument: encodeURIComponent(
                JSON.stringify({ Version: '2012-10-17', Statement: SHAPES[i % SHAPES.length]!(i) }),
              ),
            },
          ]
        : [],
    AttachedManagedPolicies: [0, 1].map(() => {
      const p = policies[Math.floor(random() * policies.length)]!;
      return { PolicyName: p.PolicyName, PolicyArn: p.Arn };
    }),
  }));
  writeFileSync(
    join(dir, 'account-authorization-details.json'),
    JSON.stringify({ RoleDetailList: roles, Policies: policies }),
  );
  mkdirSync(join(dir, 'task-definitions'));
  const perFile = 1_000;
  for (let file = 0; file < 20; file++) {
    const defs = Array.from({ length: perFile }, (_, k) => {
      const n = file * perFile + k;
      const family = Math.floor(n / 8);
      const revision = (n % 8) + 1;
      const taskRole = (family * 2) % 5_000;
      return {
        taskDefinition: {
          taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/family-${family}:${revision}`,
          family: `family-${family}`,
          revision,
          taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/app/role-${taskRole}`,
          executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/app/role-${taskRole + 1}`,
          containerDefinitions: [
            {
              name: 'app',
              image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app-${family}:${revision}`,
              secrets: [
                {
                  name: 'DB',
                  valueFrom: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:app-${family}-AbCdEf`,
                },
              ],
              logConfiguration: {
                logDriver: 'awslogs',
                options: { 'awslogs-group': `/ecs/family-${family}`, 'awslogs-region': REGION },
              },
            },
          ],
        },
      };
    });
    writeFileSync(join(dir, 'task-definitions', `defs-${file}.json`), JSON.stringify(defs));
  }
}

export async function benchAudit(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'scopedown-bench-audit-'));
  try {
    writeSyntheticAccount(dir);
    const start = performance.now();
    const result = await auditPaths([dir]);
    const seconds = (performance.now() - start) / 1000;
    const rss = process.resourceUsage().maxRSS / 1024;
    const { report, errors } = result;
    return (
      `audit: ${report.taskDefinitions.length.toLocaleString('en-US')} task definitions, ${report.roles.length.toLocaleString('en-US')} roles in use ` +
      `(of 5,000 roles, 10,000 policies) audited from files in ${seconds.toFixed(2)} s, peak RSS ${Math.round(rss)} MiB, ${errors.length} input errors; ${machine()}`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
