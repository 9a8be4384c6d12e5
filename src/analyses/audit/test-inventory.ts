// Builders for in-memory inventories in audit unit tests.
import type {
  Inventory,
  Location,
  ManagedPolicy,
  PolicyDocument,
  Role,
  TaskDefinition,
} from '../../model/index.js';
import { emptyInventory } from '../../model/index.js';
import { parsePolicy } from '../../sources/index.js';

export const loc = (file: string): Location => ({ file, pointer: '', line: 1, column: 1 });

export function doc(d: object, name = 'policy.json'): PolicyDocument {
  const parsed = parsePolicy(JSON.stringify(d, null, 2), name);
  if (!parsed.document || parsed.errors.length) throw new Error(`${name}: ${parsed.errors[0]?.message}`);
  return parsed.document;
}

export const ECS_TRUST = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
};

export function role(name: string, inline: Record<string, object>, extra: Partial<Role> = {}): Role {
  return {
    arn: `arn:aws:iam::123456789012:role/${name}`,
    name,
    path: '/',
    account: '123456789012',
    trustPolicy: doc(ECS_TRUST, `${name}-trust.json`),
    inlinePolicies: Object.entries(inline).map(([n, d]) => ({
      name: n,
      document: doc(d, `${name}-${n}.json`),
    })),
    managedPolicyArns: [],
    loc: loc(`${name}.json`),
    ...extra,
  };
}

export function taskDefinition(family: string, extra: Partial<TaskDefinition> = {}): TaskDefinition {
  return {
    family,
    containers: [{ name: 'app', image: 'my-docker-repo/my-app:latest', secrets: [], environmentFiles: [] }],
    efsVolumes: [],
    requiresCompatibilities: [],
    loc: loc(`${family}.json`),
    ...extra,
  };
}

export function inventory(parts: Partial<Inventory>): Inventory {
  return { ...emptyInventory(), ...parts };
}

export function managed(arn: string, d: object): ManagedPolicy {
  return { arn, name: arn.split('/').pop()!, document: doc(d, arn) };
}
