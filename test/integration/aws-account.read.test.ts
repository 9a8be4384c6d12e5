import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/model/policy.js';
import { type AwsAccountRead, makeClients, readAwsAccount } from '../../src/sources/aws-account.read.js';
import { type FaultRule, startFaultProxy } from './fault-proxy.js';
import { resetMoto, useMoto } from './moto.js';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012'; // moto's default account
const TASK_ROLE = `arn:aws:iam::${ACCOUNT}:role/MyECSTaskRole`;
const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/MyECSExecutionRole`;
const AWS_EXECUTION_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

const trust = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
};
const allow = (Action: string | string[], Resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource }],
});

// At load time: without moto the file fails outright (never skips), naming the fix.
const endpoint = useMoto();
let customerPolicyArn = '';
let boundaryArn = '';
let taskDefinitionArn = '';

/** The seed's account: a task role with s3:* on *, an execution role, one task definition, one service. */
async function seed(): Promise<void> {
  const config = {
    region: REGION,
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const iam = new IAMClient(config);
  const ecs = new ECSClient(config);

  boundaryArn = (
    await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'MyBoundary',
        PolicyDocument: JSON.stringify(allow('s3:*', '*')),
      }),
    )
  ).Policy?.Arn as string;
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'MyECSTaskRole',
      AssumeRolePolicyDocument: JSON.stringify(trust),
      PermissionsBoundary: boundaryArn,
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'MyECSTaskRole',
      PolicyName: 's3-all',
      PolicyDocument: JSON.stringify(allow('s3:*', '*')),
    }),
  );

  await iam.send(
    new CreateRoleCommand({
      RoleName: 'MyECSExecutionRole',
      AssumeRolePolicyDocument: JSON.stringify(trust),
    }),
  );
  customerPolicyArn = (
    await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'MyAppSecrets',
        PolicyDocument: JSON.stringify(
          allow(
            'secretsmanager:GetSecretValue',
            `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:my-app/*`,
          ),
        ),
      }),
    )
  ).Policy?.Arn as string;
  for (const PolicyArn of [customerPolicyArn, AWS_EXECUTION_POLICY]) {
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'MyECSExecutionRole', PolicyArn }));
  }

  taskDefinitionArn = (
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'my-app-task',
        taskRoleArn: TASK_ROLE,
        executionRoleArn: EXECUTION_ROLE,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          { name: 'my-app-container', image: 'my-docker-repo/my-app:latest', essential: true, memory: 512 },
        ],
      }),
    )
  ).taskDefinition?.taskDefinitionArn as string;
  await ecs.send(new CreateClusterCommand({ clusterName: 'my-cluster' }));
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'my-cluster',
      serviceName: 'my-app-service',
      taskDefinition: 'my-app-task',
      desiredCount: 1,
    }),
  );
  iam.destroy();
  ecs.destroy();
}

function actions(doc: PolicyDocument | undefined): string[] {
  return (doc?.statements ?? []).flatMap((s) => (s.action ?? []).map((a) => a.value));
}

async function read(at: string): Promise<AwsAccountRead> {
  const clients = makeClients({ regions: [REGION], endpoint: at });
  try {
    return await readAwsAccount(clients);
  } finally {
    for (const c of [...clients.ecs, clients.iam]) c.destroy();
  }
}

/** What the seed account must read as, whichever way the calls reached moto. */
function expectSeedTaskDefinitionAndService(result: AwsAccountRead): void {
  const { taskDefinitions, services } = result.inventory;
  expect(taskDefinitions).toHaveLength(1);
  expect(taskDefinitions[0]).toMatchObject({
    arn: taskDefinitionArn,
    family: 'my-app-task',
    revision: 1,
    taskRoleArn: TASK_ROLE,
    executionRoleArn: EXECUTION_ROLE,
    region: REGION,
    account: ACCOUNT,
    requiresCompatibilities: ['FARGATE'],
    containers: [{ name: 'my-app-container', image: 'my-docker-repo/my-app:latest', secrets: [] }],
    loc: { file: `aws:ecs:${REGION}:DescribeTaskDefinition`, pointer: taskDefinitionArn },
  });
  expect(services).toHaveLength(1);
  expect(services[0]).toMatchObject({
    name: 'my-app-service',
    cluster: 'my-cluster',
    taskDefinition: taskDefinitionArn,
    desiredCount: 1,
    loc: { file: `aws:ecs:${REGION}:DescribeServices` },
  });
}

function expectSeedRoles(result: AwsAccountRead): void {
  const { roles, managedPolicies } = result.inventory;
  const byArn = new Map(roles.map((r) => [r.arn, r]));
  expect([...byArn.keys()].sort()).toEqual([EXECUTION_ROLE, TASK_ROLE]);

  const task = byArn.get(TASK_ROLE);
  expect(task).toMatchObject({
    name: 'MyECSTaskRole',
    path: '/',
    account: ACCOUNT,
    managedPolicyArns: [],
    permissionsBoundaryArn: boundaryArn,
    loc: { file: 'aws:iam:GetAccountAuthorizationDetails', pointer: TASK_ROLE },
  });
  expect(task?.trustPolicy?.statements[0]?.principal?.entries.map((e) => e.value.value)).toEqual([
    'ecs-tasks.amazonaws.com',
  ]);
  expect(task?.inlinePolicies.map((p) => p.name)).toEqual(['s3-all']);
  const inline = task?.inlinePolicies[0]?.document;
  expect(actions(inline)).toEqual(['s3:*']);
  expect(inline?.statements[0]?.resource?.map((r) => r.value)).toEqual(['*']);
  expect(inline?.statements[0]?.loc.pointer).toBe(
    `${TASK_ROLE}/RolePolicyList/s3-all/PolicyDocument/Statement/0`,
  );

  const execution = byArn.get(EXECUTION_ROLE);
  expect(execution?.inlinePolicies).toEqual([]);
  expect(execution?.managedPolicyArns.sort()).toEqual([customerPolicyArn, AWS_EXECUTION_POLICY].sort());

  // Customer policies are all kept; of the ~1,500 AWS managed policies moto lists, only the attached one.
  const policies = new Map(managedPolicies.map((p) => [p.arn, p]));
  expect([...policies.keys()].sort()).toEqual([AWS_EXECUTION_POLICY, boundaryArn, customerPolicyArn].sort());
  expect(actions(policies.get(customerPolicyArn)?.document)).toEqual(['secretsmanager:GetSecretValue']);
  // moto returns AWS managed documents URL-encoded, as IAM does.
  expect(actions(policies.get(AWS_EXECUTION_POLICY)?.document)).toEqual(
    expect.arrayContaining(['ecr:GetAuthorizationToken', 'logs:PutLogEvents']),
  );
}

describe('readAwsAccount against moto', () => {
  beforeAll(async () => {
    await resetMoto(endpoint);
    await seed();
  });

  it('reads the seed account: task definition, service, both roles and their policies', async () => {
    const progress: string[] = [];
    const clients = makeClients({ regions: [REGION] }); // endpoint from AWS_ENDPOINT_URL
    const result = await readAwsAccount(clients, { onProgress: (p) => progress.push(p.phase) });
    for (const c of [...clients.ecs, clients.iam]) c.destroy();

    expect(result.errors).toEqual([]);
    expect(result.inputErrors).toEqual([]);
    expect(result.inventory.unresolved).toEqual([]);
    expectSeedTaskDefinitionAndService(result);
    expectSeedRoles(result);
    expect(new Set(progress)).toEqual(
      new Set([
        `ecs:${REGION}:clusters`,
        `ecs:${REGION}:services`,
        `ecs:${REGION}:task-definitions`,
        'iam:authorization-details',
      ]),
    );
  });

  it('reads only the clusters asked for', async () => {
    const clients = makeClients({ regions: [REGION], endpoint });
    const mine = await readAwsAccount(clients, { clusters: ['my-cluster'] });
    const elsewhere = await readAwsAccount(clients, {
      clusters: ['no-such-cluster', `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/my-cluster`],
    });
    for (const c of [...clients.ecs, clients.iam]) c.destroy();

    expect(mine.errors).toEqual([]);
    expectSeedTaskDefinitionAndService(mine);
    // The other region's ARN is not looked for here; the unknown name is reported.
    expect(elsewhere.inventory.services).toEqual([]);
    expect(elsewhere.inventory.taskDefinitions).toEqual([]);
    expect(elsewhere.errors.map((e) => `${e.service}:${e.operation}:${e.awsCode}`)).toEqual([
      'ecs:ListServices:ClusterNotFoundException',
    ]);
  });

  it('rides out throttling: the SDK retries and the read completes', async () => {
    // The last ECS call and the only IAM call (they run in parallel): after a throttle, adaptive
    // retry mode slows the client to ~0.5 request/s for a while, so throttling earlier calls only
    // makes the test slower.
    const rules: FaultRule[] = [
      { operation: 'DescribeTaskDefinition', fault: 'throttle', times: 2 },
      { operation: 'GetAccountAuthorizationDetails', fault: 'throttle', times: 2 },
    ];
    const proxy = await startFaultProxy(endpoint, rules);
    try {
      const result = await read(proxy.endpoint);
      expect(result.errors).toEqual([]);
      expectSeedTaskDefinitionAndService(result);
      expectSeedRoles(result);
      for (const { operation, times } of rules) {
        expect(proxy.injected.get(operation), operation).toBe(times);
        expect(proxy.seen.get(operation), operation).toBe(times + 1);
      }
    } finally {
      await proxy.close();
    }
  });

  it.each([
    {
      id: 'ECS ListServices',
      rule: { operation: 'ListServices', fault: 'access-denied', times: Number.POSITIVE_INFINITY },
      error: {
        service: 'ecs',
        operation: 'ListServices',
        awsCode: 'AccessDeniedException',
        retryable: false,
      },
      services: 0,
      roles: 2,
    },
    {
      id: 'IAM GetAccountAuthorizationDetails',
      rule: {
        operation: 'GetAccountAuthorizationDetails',
        fault: 'access-denied',
        times: Number.POSITIVE_INFINITY,
      },
      error: {
        service: 'iam',
        operation: 'GetAccountAuthorizationDetails',
        awsCode: 'AccessDenied',
        retryable: false,
      },
      services: 1,
      roles: 0,
    },
  ] satisfies Array<{
    id: string;
    rule: FaultRule;
    error: object;
    services: number;
    roles: number;
  }>)(
    'AccessDenied on $id is reported and the rest is still read',
    async ({ rule, error, services, roles }) => {
      const proxy = await startFaultProxy(endpoint, [rule]);
      try {
        const result = await read(proxy.endpoint);
        expect(result.errors).toHaveLength(1);
        expect(result.errors[0]).toMatchObject(error);
        expect(result.errors[0]?.message).toMatch(
          new RegExp(`^${error.service} .*${error.operation}.*: ${error.awsCode}: `),
        );
        expect(result.errors[0]?.message).not.toContain('\n');
        expect(proxy.seen.get(rule.operation)).toBe(1); // not retried
        // The task definition is still found through ListTaskDefinitions; IAM and ECS are independent.
        expect(result.inventory.taskDefinitions.map((t) => t.arn)).toEqual([taskDefinitionArn]);
        expect(result.inventory.services).toHaveLength(services);
        expect(result.inventory.roles).toHaveLength(roles);
        // Without the IAM read, missing roles are not reported as unresolved references.
        expect(result.inventory.unresolved).toEqual([]);
      } finally {
        await proxy.close();
      }
    },
  );
});
