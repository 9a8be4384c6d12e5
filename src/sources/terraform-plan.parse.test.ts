import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Inventory, Role } from '../model/inventory.js';
import { parseJsonLocated } from './json-located.parse.js';
import { parseTerraformPlan, type TerraformPlanOptions } from './terraform-plan.parse.js';

const FIXTURES = new URL('../../test/fixtures/audit/iac/', import.meta.url);
const SEED_PLAN = readFileSync(new URL('seed.tfplan.json', FIXTURES), 'utf8');

function read(text: string, options: TerraformPlanOptions = {}) {
  const json = parseJsonLocated(text, 'plan.json');
  if (!json.ok) throw new Error(json.errors[0]!.message);
  return parseTerraformPlan(json.value, 'plan.json', options);
}

function readObject(plan: unknown, options: TerraformPlanOptions = {}) {
  return read(JSON.stringify(plan, null, 2), options);
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line with ${needle}`);
  return i + 1;
}

function roleNamed(inv: Inventory, name: string): Role {
  const role = inv.roles.find((r) => r.name === name);
  if (!role) throw new Error(`no role ${name}`);
  return role;
}

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ecs-tasks.amazonaws.com' } },
  ],
});
const policy = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

interface R {
  address: string;
  type: string;
  values: Record<string, unknown>;
  mode?: string;
  unknown?: string[];
  expressions?: Record<string, unknown>;
}

/** A plan in the `terraform show -json` shape: planned_values, resource_changes and configuration. */
function plan(resources: R[], childModules: Array<{ address: string; resources: R[] }> = []): unknown {
  const planned = (r: R) => ({
    address: r.address,
    mode: r.mode ?? 'managed',
    type: r.type,
    name: r.address.split('.').pop(),
    provider_name: 'registry.terraform.io/hashicorp/aws',
    schema_version: 0,
    values: r.values,
    sensitive_values: {},
  });
  const all = [...resources, ...childModules.flatMap((m) => m.resources)];
  const relative = (address: string) => address.replace(/^(module\.[^.]+\.)+/, '');
  const config = (rs: R[]) =>
    rs.map((r) => ({
      address: relative(r.address),
      mode: r.mode ?? 'managed',
      type: r.type,
      expressions: r.expressions ?? {},
    }));
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: {
      root_module: {
        resources: resources.map(planned),
        child_modules: childModules.map((m) => ({ address: m.address, resources: m.resources.map(planned) })),
      },
    },
    resource_changes: all.map((r) => ({
      address: r.address,
      mode: r.mode ?? 'managed',
      type: r.type,
      change: {
        actions: ['create'],
        before: null,
        after: r.values,
        after_unknown: Object.fromEntries((r.unknown ?? []).map((k) => [k, true])),
      },
    })),
    configuration: {
      root_module: {
        resources: config(resources),
        module_calls: Object.fromEntries(
          childModules.map((m) => [
            m.address.replace(/^module\./, ''),
            { module: { resources: config(m.resources) } },
          ]),
        ),
      },
    },
  };
}

const refs = (...r: string[]) => ({ references: r });

describe('the seed plan', () => {
  it('links the task definition to roles whose ARNs are known only after apply', () => {
    const { inventory, errors } = read(SEED_PLAN);
    expect(errors).toEqual([]);
    const [td] = inventory.taskDefinitions;
    const task = roleNamed(inventory, 'MyECSTaskRole');
    expect(task.arn).toBe('arn:${unknown}:iam::${unknown}:role/MyECSTaskRole');
    expect(td!.taskRoleArn).toBe(task.arn);
    expect(td!.executionRoleArn).toBe(roleNamed(inventory, 'MyECSExecutionRole').arn);
    expect(td).toMatchObject({
      family: 'my-app-task',
      region: 'us-east-1',
      containers: [{ name: 'my-app-container', image: 'my-docker-repo/my-app:latest' }],
    });
    expect(task.inlinePolicies.map((p) => p.name)).toEqual(['MyECSTaskRolePolicy']);
    expect(roleNamed(inventory, 'MyECSExecutionRole').managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    ]);
    expect(inventory.services).toEqual([
      expect.objectContaining({
        name: 'my-app-service',
        cluster: 'my-cluster',
        taskDefinition: 'my-app-task',
      }),
    ]);
    expect(inventory.unresolved.map((u) => u.what)).toEqual([
      expect.stringContaining('aws_iam_role.execution: the ARN is known only after apply'),
      expect.stringContaining('aws_iam_role.task: the ARN is known only after apply'),
    ]);
  });

  it('points every item at its place in the plan file', () => {
    const { inventory } = read(SEED_PLAN);
    const td = inventory.taskDefinitions[0]!;
    expect(td.loc).toMatchObject({ file: 'plan.json', pointer: '/planned_values/root_module/resources/2' });
    expect(td.loc.line).toBe(lineOf(SEED_PLAN, '"address": "aws_ecs_task_definition.app"') - 1);
    const trust = roleNamed(inventory, 'MyECSTaskRole').trustPolicy!;
    expect(trust.loc.pointer).toBe('/planned_values/root_module/resources/4/values/assume_role_policy');
    expect(trust.statements[0]!.action![0]!.value).toBe('sts:AssumeRole');
  });

  it('builds exact ARNs when account and partition are given', () => {
    const { inventory } = read(SEED_PLAN, { accountId: '123456789012', partition: 'aws' });
    expect(inventory.taskDefinitions[0]!.taskRoleArn).toBe('arn:aws:iam::123456789012:role/MyECSTaskRole');
    expect(roleNamed(inventory, 'MyECSTaskRole').account).toBe('123456789012');
    expect(inventory.unresolved).toEqual([]);
  });
});

describe('links through configuration references', () => {
  const role = (name: string, address = `aws_iam_role.${name}`): R => ({
    address,
    type: 'aws_iam_role',
    values: { name, path: '/', assume_role_policy: TRUST },
    unknown: ['arn', 'id'],
  });
  const taskDef = (expressions: Record<string, unknown>, values: Record<string, unknown> = {}): R => ({
    address: 'aws_ecs_task_definition.app',
    type: 'aws_ecs_task_definition',
    values: { family: 'app', container_definitions: '[]', ...values },
    unknown: ['arn', 'task_role_arn'],
    expressions,
  });

  it.each([
    ['arn-reference', refs('aws_iam_role.task.arn', 'aws_iam_role.task')],
    ['name-reference', refs('aws_iam_role.task.name', 'aws_iam_role.task')],
    ['counted-instance', refs('aws_iam_role.task[0].arn', 'aws_iam_role.task')],
  ])('%s', (id, expression) => {
    const r = id === 'counted-instance' ? role('task', 'aws_iam_role.task[0]') : role('task');
    const { inventory, errors } = readObject(plan([r, taskDef({ task_role_arn: expression })]));
    expect(errors).toEqual([]);
    expect(inventory.taskDefinitions[0]!.taskRoleArn).toBe(inventory.roles[0]!.arn);
  });

  it('uses a known ARN as is', () => {
    const known = {
      ...role('task'),
      values: { ...role('task').values, arn: 'arn:aws:iam::111122223333:role/task' },
    };
    const { inventory } = readObject(
      plan([known, taskDef({ task_role_arn: refs('aws_iam_role.task.arn') })]),
    );
    expect(inventory.taskDefinitions[0]!.taskRoleArn).toBe('arn:aws:iam::111122223333:role/task');
    expect(inventory.unresolved).toEqual([]);
  });

  it('qualifies references inside modules', () => {
    const p = plan(
      [],
      [
        {
          address: 'module.app',
          resources: [
            role('task', 'module.app.aws_iam_role.task'),
            {
              ...taskDef({ task_role_arn: refs('aws_iam_role.task.arn') }),
              address: 'module.app.aws_ecs_task_definition.app',
            },
          ],
        },
      ],
    );
    const { inventory } = readObject(p);
    expect(inventory.taskDefinitions[0]!.taskRoleArn).toBe('arn:${unknown}:iam::${unknown}:role/task');
    expect(inventory.roles[0]!.arn).toBe(inventory.taskDefinitions[0]!.taskRoleArn);
  });

  it.each([
    ['variable', refs('var.task_role_arn'), '${var.task_role_arn}', 'refers to var.task_role_arn'],
    [
      'two-candidates',
      refs('aws_iam_role.a.arn', 'aws_iam_role.b.arn'),
      '${aws_iam_role.a.arn}',
      'depends on',
    ],
    ['no-configuration', undefined, '${aws_ecs_task_definition.app.task_role_arn}', 'no configuration'],
    [
      'unknown-resource-attribute',
      refs('aws_iam_role.a.unique_id'),
      '${aws_iam_role.a.unique_id}',
      'unique_id',
    ],
  ])('%s is Unresolved', (_id, expression, placeholder, mentioned) => {
    const expressions = expression ? { task_role_arn: expression } : {};
    const { inventory } = readObject(plan([role('a'), role('b'), taskDef(expressions)]));
    const td = inventory.taskDefinitions[0]!;
    expect(td.taskRoleArn).toBe(placeholder);
    const entry = inventory.unresolved.find((u) => u.what.includes(mentioned));
    expect(entry?.what).toContain('aws_ecs_task_definition.app: task_role_arn is known only after apply');
    expect(entry?.loc.pointer).toBe('/planned_values/root_module/resources/2');
  });

  it('reads a policy document through a data source read during planning (prior_state)', () => {
    const p = plan([
      {
        address: 'aws_iam_role.task',
        type: 'aws_iam_role',
        values: { name: 'task', path: '/' },
        unknown: ['arn', 'assume_role_policy'],
        expressions: {
          assume_role_policy: refs(
            'data.aws_iam_policy_document.trust.json',
            'data.aws_iam_policy_document.trust',
          ),
        },
      },
    ]) as Record<string, unknown>;
    p.prior_state = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            {
              address: 'data.aws_iam_policy_document.trust',
              mode: 'data',
              type: 'aws_iam_policy_document',
              values: { json: TRUST },
            },
          ],
        },
      },
    };
    const { inventory, errors } = readObject(p);
    expect(errors).toEqual([]);
    const trust = inventory.roles[0]!.trustPolicy!;
    expect(trust.statements[0]!.principal!.entries[0]!.value.value).toBe('ecs-tasks.amazonaws.com');
    expect(trust.loc.pointer).toBe('/prior_state/values/root_module/resources/0/values/json');
  });

  it('turns a role name into the ARN of the role the plan defines', () => {
    const { inventory } = readObject(plan([role('task'), taskDef({}, { task_role_arn: 'task' })]));
    expect(inventory.taskDefinitions[0]!.taskRoleArn).toBe(inventory.roles[0]!.arn);
  });
});

describe('IAM resources', () => {
  const p = plan([
    {
      address: 'aws_iam_role.app',
      type: 'aws_iam_role',
      values: {
        name: 'app',
        path: '/svc/',
        assume_role_policy: TRUST,
        inline_policy: [{ name: 'inline', policy: policy('sqs:SendMessage') }],
        managed_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        permissions_boundary: 'arn:aws:iam::111122223333:policy/boundary',
      },
      unknown: ['arn'],
    },
    {
      address: 'aws_iam_policy.managed',
      type: 'aws_iam_policy',
      values: { name: 'managed', path: '/', policy: policy('kms:Decrypt') },
      unknown: ['arn', 'id'],
    },
    {
      address: 'aws_iam_role_policy_attachment.managed',
      type: 'aws_iam_role_policy_attachment',
      values: { role: 'app' },
      unknown: ['policy_arn'],
      expressions: { policy_arn: refs('aws_iam_policy.managed.arn', 'aws_iam_policy.managed') },
    },
    {
      address: 'aws_iam_role_policy.doc',
      type: 'aws_iam_role_policy',
      values: { name: 'from-document', policy: policy('sns:Publish') },
      unknown: ['role'],
      expressions: { role: refs('aws_iam_role.app.id', 'aws_iam_role.app') },
    },
    {
      address: 'aws_iam_role_policy.elsewhere',
      type: 'aws_iam_role_policy',
      values: { name: 'x', role: 'not-in-plan', policy: policy('s3:GetObject') },
    },
  ]);

  it('gathers inline, attached and boundary policies onto the role', () => {
    const { inventory, errors } = readObject(p, { accountId: '111122223333', partition: 'aws' });
    expect(errors).toEqual([]);
    const role = roleNamed(inventory, 'app');
    expect(role.arn).toBe('arn:aws:iam::111122223333:role/svc/app');
    expect(role.path).toBe('/svc/');
    expect(role.inlinePolicies.map((x) => x.name)).toEqual(['inline', 'from-document']);
    expect(role.managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::111122223333:policy/managed',
    ]);
    expect(inventory.managedPolicies.map((m) => m.arn)).toEqual(['arn:aws:iam::111122223333:policy/managed']);
    expect(role.permissionsBoundaryArn).toBe('arn:aws:iam::111122223333:policy/boundary');
    expect(inventory.unresolved.map((u) => u.what)).toEqual([
      expect.stringContaining('role "not-in-plan", which this plan does not define'),
    ]);
  });

  it('reports policy problems inside a policy string at the attribute', () => {
    const bad = plan([
      {
        address: 'aws_iam_role.app',
        type: 'aws_iam_role',
        values: {
          name: 'app',
          assume_role_policy: '{"Version": "2012-10-17", "Statement": [{"Effect": "allow"}]}',
        },
      },
    ]);
    const text = JSON.stringify(bad, null, 2);
    const { errors } = read(text);
    expect(errors[0]).toMatchObject({
      code: 'INVALID_POLICY',
      line: lineOf(text, '"assume_role_policy"'),
      pointer: '/planned_values/root_module/resources/0/values/assume_role_policy/Statement/0/Effect',
    });
  });
});

describe('ECS resources', () => {
  const containers = JSON.stringify([
    {
      name: 'app',
      image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1',
      secrets: [{ name: 'DB', valueFrom: 'arn:aws:ssm:eu-west-1:111122223333:parameter/db' }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/app' } },
      environmentFiles: [{ value: 'arn:aws:s3:::cfg/app.env', type: 's3' }],
    },
  ]);

  it('reads a state: known ARNs, revision, volumes, container fields located at the attribute', () => {
    const state = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            {
              address: 'aws_ecs_task_definition.app',
              mode: 'managed',
              type: 'aws_ecs_task_definition',
              values: {
                family: 'app',
                arn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/app:7',
                revision: 7,
                task_role_arn: 'arn:aws:iam::111122223333:role/app',
                execution_role_arn: null,
                requires_compatibilities: ['FARGATE'],
                container_definitions: containers,
                volume: [
                  {
                    name: 'data',
                    efs_volume_configuration: [
                      {
                        file_system_id: 'fs-1',
                        root_directory: '/',
                        transit_encryption: 'ENABLED',
                        authorization_config: [{ access_point_id: 'fsap-1', iam: 'ENABLED' }],
                      },
                    ],
                  },
                  { name: 'scratch', efs_volume_configuration: [] },
                ],
              },
            },
            {
              address: 'aws_ecs_service.app',
              mode: 'managed',
              type: 'aws_ecs_service',
              values: {
                name: 'app',
                cluster: 'arn:aws:ecs:eu-west-1:111122223333:cluster/main',
                task_definition: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/app:7',
                desired_count: 2,
                enable_execute_command: true,
              },
            },
          ],
        },
      },
    };
    const text = JSON.stringify(state, null, 2);
    const { inventory, errors } = read(text);
    expect(errors).toEqual([]);
    const td = inventory.taskDefinitions[0]!;
    expect(td).toMatchObject({
      arn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/app:7',
      revision: 7,
      region: 'eu-west-1',
      account: '111122223333',
      taskRoleArn: 'arn:aws:iam::111122223333:role/app',
      requiresCompatibilities: ['FARGATE'],
      efsVolumes: [
        {
          name: 'data',
          fileSystemId: 'fs-1',
          rootDirectory: '/',
          transitEncryption: 'ENABLED',
          accessPointId: 'fsap-1',
          iam: 'ENABLED',
        },
      ],
    });
    expect(td.executionRoleArn).toBeUndefined();
    expect(td.containers[0]).toMatchObject({
      secrets: [{ name: 'DB', valueFrom: 'arn:aws:ssm:eu-west-1:111122223333:parameter/db' }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/app' }, secretOptions: [] },
      environmentFiles: [{ value: 'arn:aws:s3:::cfg/app.env', type: 's3' }],
    });
    expect(inventory.services[0]).toMatchObject({ desiredCount: 2, enableExecuteCommand: true });
    expect(inventory.unresolved).toEqual([]);
  });

  it('locates problems inside container_definitions at the attribute', () => {
    const bad = plan([
      {
        address: 'aws_ecs_task_definition.app',
        type: 'aws_ecs_task_definition',
        values: { family: 'app', container_definitions: '[{"name": "app"}]' },
      },
      {
        address: 'aws_ecs_task_definition.broken',
        type: 'aws_ecs_task_definition',
        values: { family: 'broken', container_definitions: '[{"name": "app",]' },
      },
    ]);
    const text = JSON.stringify(bad, null, 2);
    const { errors } = read(text);
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'INVALID_PLAN',
        pointer: '/planned_values/root_module/resources/0/values/container_definitions/0',
        line: lineOf(text, '"container_definitions": "[{\\"name\\": \\"app\\"}]"'),
      }),
      expect.objectContaining({
        code: 'INVALID_PLAN',
        pointer: '/planned_values/root_module/resources/1/values/container_definitions',
        line: lineOf(text, '"container_definitions": "[{\\"name\\": \\"app\\",]"'),
      }),
    ]);
  });

  it('lists container_definitions known only after apply as Unresolved', () => {
    const p = plan([
      {
        address: 'aws_ecs_task_definition.app',
        type: 'aws_ecs_task_definition',
        values: { family: 'app' },
        unknown: ['container_definitions'],
      },
    ]);
    const { inventory } = readObject(p);
    expect(inventory.taskDefinitions[0]!.containers).toEqual([]);
    expect(inventory.unresolved.map((u) => u.what)).toEqual([
      'aws_ecs_task_definition.app: container_definitions is known only after apply',
    ]);
  });
});

describe('input errors', () => {
  it.each([
    ['not-an-object', '[1, 2]', 'NOT_A_PLAN'],
    ['no-values', '{"format_version": "1.2", "resource_changes": []}', 'NOT_A_PLAN'],
    [
      'bad-resource',
      '{"planned_values": {"root_module": {"resources": [{"address": "x"}]}}}',
      'INVALID_PLAN',
    ],
  ])('%s', (_id, text, code) => {
    const { errors } = read(text);
    expect(errors[0]).toMatchObject({ code, file: 'plan.json', line: 1 });
  });
});
