import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditOutputJson } from '../../src/reports/json/audit.js';
import { runScopedown } from '../support/run-cli.js';
import { resetMoto, useMoto } from './moto.js';

const ACCOUNT = '123456789012';
const endpoint = useMoto();

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

describe('scopedown audit --aws against the emulator', () => {
  beforeAll(async () => {
    await resetMoto(endpoint);
    const config = {
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    };
    const iam = new IAMClient(config);
    const ecs = new ECSClient(config);
    for (const name of ['MyECSTaskRole', 'MyECSExecutionRole']) {
      await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
    }
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'MyECSTaskRole',
        PolicyName: 'app',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }],
        }),
      }),
    );
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'my-app-task',
        taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/MyECSTaskRole`,
        executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/MyECSExecutionRole`,
        containerDefinitions: [
          { name: 'my-app-container', image: 'my-docker-repo/my-app:latest', memory: 512 },
        ],
      }),
    );
    await ecs.send(new CreateClusterCommand({ clusterName: 'my-cluster' }));
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'my-cluster',
        serviceName: 'my-app-service',
        taskDefinition: 'my-app-task:1',
        desiredCount: 1,
      }),
    );
    iam.destroy();
    ecs.destroy();
  });

  it('flags the task role with its ECS context and judges the execution role; exit 1', async () => {
    const run = await runScopedown(
      ['audit', '--aws', '--region', 'us-east-1', '--format', 'json'],
      process.env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as AuditOutputJson;
    const task = json.roles.find((r) => r.name === 'MyECSTaskRole')!;
    expect(task.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['SERVICE_WILDCARD', 'RESOURCE_WILDCARD', 'EXFILTRATION_READ']),
    );
    expect(task.usedBy).toMatchObject([
      { taskDefinition: 'my-app-task:1', as: 'task', services: ['my-cluster/my-app-service'] },
    ]);
    const exec = json.roles.find((r) => r.name === 'MyECSExecutionRole')!;
    expect(exec.kind).toBe('execution');
    expect(exec.findings.map((f) => f.code)).not.toContain('EXECUTION_ROLE_MISSING_PERMISSION');
  });

  it('--aws with input files is bad usage', async () => {
    expect((await runScopedown(['audit', '--aws', 'x.json'])).code).toBe(2);
  });
});
