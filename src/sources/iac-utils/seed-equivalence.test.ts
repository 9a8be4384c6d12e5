/**
 * The seed setup written three ways (CloudFormation YAML with short forms, CloudFormation JSON, a
 * Terraform plan) must read as the same inventory: same families, roles, links, policies and service.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Inventory } from '../../model/inventory.js';
import type { PolicyDocument } from '../../model/policy.js';
import { parseCloudFormationTemplate } from '../cloudformation.parse.js';
import { parseJsonLocated } from '../json-located.parse.js';
import { parseTerraformPlan } from '../terraform-plan.parse.js';

const FIXTURES = new URL('../../../test/fixtures/audit/iac/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

/** A policy by content: no locations, lists sorted, a single string the same as a one-item list. */
function content(doc: PolicyDocument | undefined): unknown {
  if (!doc) return undefined;
  const values = (list?: Array<{ value: string }>) => list?.map((x) => x.value).sort();
  return {
    version: doc.version?.value,
    statements: doc.statements.map((s) => ({
      effect: s.effect.value,
      action: values(s.action),
      notAction: values(s.notAction),
      resource: values(s.resource),
      notResource: values(s.notResource),
      principal: s.principal && {
        wildcard: s.principal.wildcard,
        entries: s.principal.entries.map((e) => `${e.type}:${e.value.value}`).sort(),
      },
      condition: s.condition.map((c) => [c.operator.value, c.key.value, c.values.map((v) => v.value)]),
    })),
  };
}

/** What the audit joins on, with ARNs replaced by the role they lead to. */
function summary(inv: Inventory): unknown {
  const byArn = new Map(inv.roles.map((r) => [r.arn, r.name]));
  const link = (arn: string | undefined) =>
    arn === undefined ? undefined : (byArn.get(arn) ?? `unlinked ${arn}`);
  return {
    taskDefinitions: inv.taskDefinitions.map((td) => ({
      family: td.family,
      taskRole: link(td.taskRoleArn),
      executionRole: link(td.executionRoleArn),
      containers: td.containers,
      efsVolumes: td.efsVolumes,
    })),
    roles: [...inv.roles]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((r) => ({
        name: r.name,
        path: r.path,
        trust: content(r.trustPolicy),
        inline: r.inlinePolicies.map((p) => ({ name: p.name, document: content(p.document) })),
        managed: [...r.managedPolicyArns].sort(),
        boundary: r.permissionsBoundaryArn,
      })),
    managedPolicies: inv.managedPolicies.map((m) => ({ arn: m.arn, document: content(m.document) })),
    services: inv.services.map((s) => ({
      name: s.name,
      cluster: s.cluster,
      taskDefinition: s.taskDefinition,
      desiredCount: s.desiredCount,
      enableExecuteCommand: s.enableExecuteCommand ?? false,
    })),
  };
}

const plan = parseJsonLocated(text('seed.tfplan.json'), 'seed.tfplan.json');
if (!plan.ok) throw new Error('seed.tfplan.json does not parse');

const sources = {
  'cloudformation-yaml': parseCloudFormationTemplate(text('seed.cfn.yaml'), 'seed.cfn.yaml'),
  'cloudformation-json': parseCloudFormationTemplate(text('seed.cfn.json'), 'seed.cfn.json'),
  'terraform-plan': parseTerraformPlan(plan.value, 'seed.tfplan.json'),
};

const S3_ALL = {
  version: '2012-10-17',
  statements: [{ effect: 'Allow', action: ['s3:*'], resource: ['*'], condition: [] }],
};
const ECS_TRUST = {
  version: '2012-10-17',
  statements: [
    {
      effect: 'Allow',
      action: ['sts:AssumeRole'],
      principal: { wildcard: false, entries: ['Service:ecs-tasks.amazonaws.com'] },
      condition: [],
    },
  ],
};

it.each(Object.entries(sources))('%s reads the seed setup', (_id, result) => {
  expect(result.errors).toEqual([]);
  expect(summary(result.inventory)).toEqual({
    taskDefinitions: [
      {
        family: 'my-app-task',
        taskRole: 'MyECSTaskRole',
        executionRole: 'MyECSExecutionRole',
        containers: [
          {
            name: 'my-app-container',
            image: 'my-docker-repo/my-app:latest',
            secrets: [],
            environmentFiles: [],
          },
        ],
        efsVolumes: [],
      },
    ],
    roles: [
      {
        name: 'MyECSExecutionRole',
        path: '/',
        trust: expect.objectContaining(ECS_TRUST),
        inline: [],
        managed: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
        boundary: undefined,
      },
      {
        name: 'MyECSTaskRole',
        path: '/',
        trust: expect.objectContaining(ECS_TRUST),
        inline: [{ name: 'MyECSTaskRolePolicy', document: expect.objectContaining(S3_ALL) }],
        managed: [],
        boundary: undefined,
      },
    ],
    managedPolicies: [],
    services: [
      {
        name: 'my-app-service',
        cluster: 'my-cluster',
        taskDefinition: 'my-app-task',
        desiredCount: 1,
        enableExecuteCommand: false,
      },
    ],
  });
});

it('all three sources agree exactly', () => {
  const [first, ...rest] = Object.values(sources).map((r) => summary(r.inventory));
  for (const other of rest) expect(other).toEqual(first);
});
