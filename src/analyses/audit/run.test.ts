import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.js';
import type { ManagedPolicy } from '../../model/index.js';
import { runAudit } from './run.js';
import { doc, inventory, managed, role, taskDefinition } from './test-inventory.js';

const EXEC_MANAGED = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
const execPolicy = managed(EXEC_MANAGED, {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'ecr:GetAuthorizationToken',
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchGetImage',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ],
      Resource: '*',
    },
  ],
});
const lookup = (arn: string): ManagedPolicy | undefined => (arn === EXEC_MANAGED ? execPolicy : undefined);
const audit = (inv: ReturnType<typeof inventory>) =>
  runAudit(inv, { catalog: loadCatalog(), managedPolicy: lookup });
const codes = (fs: Array<{ code: string }>) => fs.map((f) => f.code).sort();

const BROAD = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }] };
const SCOPED = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::my-app-data-bucket', 'arn:aws:s3:::my-app-data-bucket/*'],
    },
  ],
};

function seed(taskPolicy: object) {
  return inventory({
    taskDefinitions: [
      taskDefinition('my-app-task', {
        taskRoleArn: 'arn:aws:iam::123456789012:role/MyECSTaskRole',
        executionRoleArn: 'arn:aws:iam::123456789012:role/MyECSExecutionRole',
      }),
    ],
    roles: [
      role('MyECSTaskRole', { inline: taskPolicy }),
      role('MyECSExecutionRole', {}, { managedPolicyArns: [EXEC_MANAGED] }),
    ],
  });
}

describe('audit: the seed', () => {
  it('flags MyECSTaskRole (s3:* on *) with SERVICE_WILDCARD, RESOURCE_WILDCARD and the ECS context', () => {
    const report = audit(seed(BROAD));
    const task = report.roles.find((r) => r.name === 'MyECSTaskRole')!;
    expect(task.kind).toBe('task');
    expect(codes(task.findings)).toEqual(
      expect.arrayContaining(['SERVICE_WILDCARD', 'RESOURCE_WILDCARD', 'EXFILTRATION_READ']),
    );
    const wildcard = task.findings.find((f) => f.code === 'SERVICE_WILDCARD')!;
    expect(wildcard.usedBy).toEqual(['my-app-task (task role)']);
    expect(wildcard.severity).toBe('security');
  });

  it('judges the execution role against what the task definition needs: next to nothing', () => {
    const report = audit(seed(BROAD));
    const exec = report.roles.find((r) => r.name === 'MyECSExecutionRole')!;
    expect(exec.kind).toBe('execution');
    const excess = exec.findings.find((f) => f.code === 'EXECUTION_ROLE_EXCESS')!;
    expect(excess.message).toContain('they need no AWS permission at all');
    expect(codes(exec.findings)).not.toContain('EXECUTION_ROLE_MISSING_PERMISSION');
    expect(report.taskDefinitions[0]!.executionRolePolicy.Statement).toEqual([]);
  });

  it('the scoped task role has no security or error findings', () => {
    const task = audit(seed(SCOPED)).roles.find((r) => r.name === 'MyECSTaskRole')!;
    expect(task.findings.filter((f) => f.severity === 'security' || f.severity === 'error')).toEqual([]);
  });
});

describe('audit: ECS-specific findings', () => {
  it('a role used as both task and execution role', () => {
    const inv = inventory({
      taskDefinitions: [
        taskDefinition('web', {
          taskRoleArn: 'arn:aws:iam::123456789012:role/both',
          executionRoleArn: 'arn:aws:iam::123456789012:role/both',
        }),
      ],
      roles: [role('both', { inline: SCOPED })],
    });
    expect(codes(audit(inv).roles[0]!.findings)).toContain('TASK_ROLE_IS_EXECUTION_ROLE');
  });

  it('an execution role missing what an ECR image, awslogs and a secret need', () => {
    const inv = inventory({
      taskDefinitions: [
        taskDefinition('web', {
          region: 'us-east-1',
          account: '123456789012',
          executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
          containers: [
            {
              name: 'app',
              image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2',
              secrets: [
                {
                  name: 'DB',
                  valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:password::',
                },
              ],
              logConfiguration: {
                logDriver: 'awslogs',
                options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1' },
                secretOptions: [],
              },
              environmentFiles: [],
            },
          ],
        }),
      ],
      roles: [role('exec', {}, { managedPolicyArns: [EXEC_MANAGED] })],
    });
    const report = audit(inv);
    const missing = report.roles[0]!.findings.filter((f) => f.code === 'EXECUTION_ROLE_MISSING_PERMISSION');
    expect(missing.map((f) => f.action)).toEqual(['secretsmanager:GetSecretValue']);
    expect(report.taskDefinitions[0]!.executionRolePolicy.Statement).toContainEqual({
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
    });
  });

  it('application permissions on an execution role', () => {
    const inv = inventory({
      taskDefinitions: [taskDefinition('web', { executionRoleArn: 'arn:aws:iam::123456789012:role/exec' })],
      roles: [
        role('exec', {
          app: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' }],
          },
        }),
      ],
    });
    expect(codes(audit(inv).roles[0]!.findings)).toContain('TASK_PERMISSIONS_ON_EXECUTION_ROLE');
  });

  it('trust policy: other principals, and no confused-deputy condition on a task role', () => {
    const trust = doc({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' },
      ],
    });
    const r = role('t', { inline: SCOPED }, { trustPolicy: trust });
    const inv = inventory({ taskDefinitions: [taskDefinition('web', { taskRoleArn: r.arn })], roles: [r] });
    const findings = audit(inv).roles[0]!.findings;
    expect(codes(findings)).toEqual(
      expect.arrayContaining(['TRUST_POLICY_CONFUSED_DEPUTY', 'TRUST_POLICY_TOO_BROAD']),
    );
    expect(findings.find((f) => f.code === 'TRUST_POLICY_TOO_BROAD')?.message).toContain(
      'AWS:arn:aws:iam::999988887777:root',
    );
  });

  it('a trust policy with aws:SourceAccount is not a confused deputy', () => {
    const trust = doc({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        },
      ],
    });
    const r = role('t', { inline: SCOPED }, { trustPolicy: trust });
    const inv = inventory({ taskDefinitions: [taskDefinition('web', { taskRoleArn: r.arn })], roles: [r] });
    expect(codes(audit(inv).roles[0]!.findings)).toEqual([]);
  });

  it('a role shared by two families; a missing role; no task role; an old revision deployed', () => {
    const shared = role('shared', { inline: SCOPED });
    const inv = inventory({
      taskDefinitions: [
        taskDefinition('a', { taskRoleArn: shared.arn, revision: 1 }),
        taskDefinition('a', { taskRoleArn: shared.arn, revision: 2 }),
        taskDefinition('b', {
          taskRoleArn: shared.arn,
          executionRoleArn: 'arn:aws:iam::123456789012:role/gone',
        }),
        taskDefinition('c'),
      ],
      roles: [shared],
      services: [
        {
          name: 'svc-a',
          cluster: 'main',
          taskDefinition: 'a:1',
          loc: { file: 'x', pointer: '', line: 1, column: 1 },
        },
      ],
    });
    const report = audit(inv);
    expect(codes(report.roles[0]!.findings)).toContain('SHARED_ROLE');
    const tdCodes = report.taskDefinitions.flatMap((t) => t.findings.map((f) => `${t.id} ${f.code}`));
    expect(tdCodes).toEqual(['a:1 OLD_REVISION_DEPLOYED', 'b ROLE_NOT_FOUND', 'c NO_TASK_ROLE']);
  });
});

describe('audit: decided with the engine', () => {
  it('a wildcard a permissions boundary takes away is reported as without effect', () => {
    const BOUNDARY = 'arn:aws:iam::123456789012:policy/boundary';
    const inv = inventory({
      taskDefinitions: [taskDefinition('web', { taskRoleArn: 'arn:aws:iam::123456789012:role/bounded' })],
      roles: [role('bounded', { inline: BROAD }, { permissionsBoundaryArn: BOUNDARY })],
      managedPolicies: [
        managed(BOUNDARY, {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }],
        }),
      ],
    });
    const findings = audit(inv).roles[0]!.findings;
    expect(findings.find((f) => f.code === 'SERVICE_WILDCARD')?.severity).toBe('suggestion');
    expect(codes(findings)).not.toContain('EXFILTRATION_READ');
  });

  it('escalation paths the engine confirms', () => {
    const inv = inventory({
      taskDefinitions: [taskDefinition('web', { taskRoleArn: 'arn:aws:iam::123456789012:role/esc' })],
      roles: [
        role('esc', {
          inline: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask', 'ecs:ExecuteCommand'],
                Resource: '*',
              },
            ],
          },
        }),
      ],
    });
    const esc = audit(inv).roles[0]!.findings.filter((f) => f.code === 'PRIVILEGE_ESCALATION');
    expect(esc.map((f) => f.message.split(': ')[0])).toEqual([
      'iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask',
      'ecs:ExecuteCommand',
    ]);
  });
});
