import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InputError } from '../model/errors.js';
import type { TaskDefinition } from '../model/inventory.js';
import {
  type AwsJsonKind,
  detectAwsJsonKind,
  parseEcsServices,
  parseTaskDefinitions,
} from './ecs-task-definition.parse.js';
import { type JsonNode, parseJsonLocated } from './json-located.parse.js';

const FIXTURES = new URL('../../test/fixtures/audit/files/', import.meta.url);
const fixtureText = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

function json(text: string, file = 'input.json'): JsonNode {
  const parsed = parseJsonLocated(text, file);
  if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
  return parsed.value;
}
const fixture = (name: string) => json(fixtureText(name), name);

/** Errors as `code pointer line:column message`, the way a user reads them. */
const errorLines = (errors: InputError[]) =>
  errors.map((e) => `${e.code} ${e.pointer || '(root)'} ${e.line}:${e.column} ${e.message}`);

const withoutLoc = (td: TaskDefinition) => ({ ...td, loc: undefined });

const SEED_ROLES = {
  taskRoleArn: 'arn:aws:iam::123456789012:role/MyECSTaskRole',
  executionRoleArn: 'arn:aws:iam::123456789012:role/MyECSExecutionRole',
};
const SEED_CONTAINER = {
  name: 'my-app-container',
  image: 'my-docker-repo/my-app:latest',
  secrets: [],
  environmentFiles: [],
};
const bare = { secrets: [], environmentFiles: [] };

describe('parseTaskDefinitions: fixtures', () => {
  it.each<[string, string, Array<Omit<TaskDefinition, 'loc'>>]>([
    [
      'seed, as registered',
      'seed/task-definition.json',
      [
        {
          family: 'my-app-task',
          ...SEED_ROLES,
          containers: [SEED_CONTAINER],
          efsVolumes: [],
          requiresCompatibilities: [],
        },
      ],
    ],
    [
      'seed, as describe-task-definition output',
      'describe-task-definition-seed.json',
      [
        {
          arn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/my-app-task:1',
          family: 'my-app-task',
          revision: 1,
          region: 'us-east-1',
          account: '123456789012',
          ...SEED_ROLES,
          containers: [SEED_CONTAINER],
          efsVolumes: [],
          requiresCompatibilities: [],
        },
      ],
    ],
    [
      'aws-facts 4.2: secrets, environment files, awslogs, EFS with IAM',
      'task-definition-web.json',
      [
        {
          family: 'web',
          taskRoleArn: 'arn:aws:iam::111122223333:role/service/app-task-role',
          executionRoleArn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole',
          containers: [
            {
              name: 'app',
              image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2',
              secrets: [
                {
                  name: 'DB_PASSWORD',
                  valueFrom: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf:password::',
                },
                { name: 'API_URL', valueFrom: '/prod/app/api_url' },
              ],
              environmentFiles: [{ value: 'arn:aws:s3:::app-config-bucket/web/prod.env', type: 's3' }],
              logConfiguration: {
                logDriver: 'awslogs',
                options: {
                  'awslogs-group': '/ecs/web',
                  'awslogs-region': 'us-east-1',
                  'awslogs-stream-prefix': 'web',
                  'awslogs-create-group': 'true',
                },
                secretOptions: [],
              },
            },
          ],
          efsVolumes: [
            {
              name: 'shared',
              fileSystemId: 'fs-0123456789abcdef0',
              transitEncryption: 'ENABLED',
              accessPointId: 'fsap-0123456789abcdef0',
              iam: 'ENABLED',
            },
          ],
          requiresCompatibilities: ['FARGATE'],
        },
      ],
    ],
    [
      'a list: FireLens, private registry, log secretOptions, bare role names, non-EFS volumes',
      'task-definitions-extra.json',
      [
        {
          family: 'router',
          taskRoleArn: 'RouterTaskRole',
          executionRoleArn: 'ecsTaskExecutionRole',
          containers: [
            {
              name: 'log_router',
              image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
              ...bare,
              firelensConfiguration: {
                type: 'fluentbit',
                options: {
                  'config-file-type': 's3',
                  'config-file-value': 'arn:aws:s3:::router-config/fluent-bit.conf',
                },
              },
            },
            {
              name: 'app',
              image: 'registry.example.com/team/router:2.0',
              ...bare,
              repositoryCredentials: {
                credentialsParameter:
                  'arn:aws:secretsmanager:eu-west-1:444455556666:secret:registry-creds-Xy12Ab',
              },
              logConfiguration: {
                logDriver: 'awsfirelens',
                options: { Name: 'firehose', region: 'eu-west-1', delivery_stream: 'router-logs' },
                secretOptions: [
                  {
                    name: 'apikey',
                    valueFrom: 'arn:aws:ssm:eu-west-1:444455556666:parameter/router/log-api-key',
                  },
                ],
              },
            },
          ],
          efsVolumes: [{ name: 'data', fileSystemId: 'fs-0aaaabbbbccccdddd', rootDirectory: '/router' }],
          requiresCompatibilities: ['EC2', 'FARGATE'],
        },
      ],
    ],
  ])('%s', (_id, name, expected) => {
    const { inventory, errors } = parseTaskDefinitions(fixture(name), name);
    expect(errors).toEqual([]);
    expect(inventory.taskDefinitions.map(withoutLoc)).toEqual(expected);
    expect(inventory.roles).toEqual([]);
    expect(inventory.services).toEqual([]);
  });

  it.each([
    ['seed/task-definition.json', { pointer: '', line: 1, column: 1 }],
    ['describe-task-definition-seed.json', { pointer: '/taskDefinition', line: 2, column: 21 }],
  ])('locates the task definition in %s', (name, loc) => {
    const td = parseTaskDefinitions(fixture(name), name).inventory.taskDefinitions[0];
    expect(td?.loc).toEqual({ file: name, ...loc });
  });
});

describe('parseTaskDefinitions: describe-services', () => {
  it('reads each service, its cluster name and the services ECS could not find', () => {
    const name = 'describe-services.json';
    for (const parse of [parseTaskDefinitions, parseEcsServices]) {
      const { inventory, errors } = parse(fixture(name), name);
      expect(errors).toEqual([]);
      expect(inventory.services.map((s) => ({ ...s, loc: s.loc.pointer }))).toEqual([
        {
          arn: 'arn:aws:ecs:us-east-1:123456789012:service/my-cluster/my-app-service',
          name: 'my-app-service',
          cluster: 'my-cluster',
          taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/my-app-task:1',
          desiredCount: 2,
          runningCount: 2,
          enableExecuteCommand: false,
          loc: '/services/0',
        },
        {
          arn: 'arn:aws:ecs:us-east-1:111122223333:service/prod/web',
          name: 'web',
          cluster: 'prod',
          taskDefinition: 'arn:aws:ecs:us-east-1:111122223333:task-definition/web:8',
          desiredCount: 3,
          runningCount: 4,
          enableExecuteCommand: true,
          loc: '/services/1',
        },
      ]);
      expect(inventory.unresolved.map((u) => u.what)).toEqual([
        'ECS service arn:aws:ecs:us-east-1:111122223333:service/prod/old-worker: MISSING',
      ]);
      expect(inventory.taskDefinitions).toEqual([]);
    }
  });

  it.each([
    [
      'taskDefinition only on the PRIMARY deployment (external deployment controller)',
      {
        serviceName: 'ext',
        clusterArn: 'arn:aws:ecs:us-east-1:111122223333:cluster/c1',
        deployments: [
          { status: 'ACTIVE', taskDefinition: 'old:1' },
          { status: 'PRIMARY', taskDefinition: 'new:2' },
        ],
      },
      { name: 'ext', cluster: 'c1', taskDefinition: 'new:2' },
    ],
    [
      'name and cluster from the service ARN',
      { serviceArn: 'arn:aws:ecs:eu-west-1:111122223333:service/c2/api', taskDefinition: 'api:3' },
      {
        arn: 'arn:aws:ecs:eu-west-1:111122223333:service/c2/api',
        name: 'api',
        cluster: 'c2',
        taskDefinition: 'api:3',
      },
    ],
  ])('%s', (_id, service, expected) => {
    const { inventory, errors } = parseTaskDefinitions(json(JSON.stringify({ services: [service] })), 'x');
    expect(errors).toEqual([]);
    expect(inventory.services.map((s) => ({ ...s, loc: undefined }))).toEqual([expected]);
  });
});

describe('parseTaskDefinitions: bad input', () => {
  it('reports every problem with its location and reads the rest', () => {
    const name = 'task-definitions-bad.json';
    const { inventory, errors } = parseTaskDefinitions(fixture(name), name);
    expect(errorLines(errors)).toEqual([
      'INVALID_INPUT /0 2:3 the task definition has no "family"',
      'INVALID_INPUT /1/taskRoleArn 12:20 expected a string, got 42',
      'INVALID_INPUT /1/requiresCompatibilities 14:32 expected an array of strings, got "FARGATE"',
      'INVALID_INPUT /1/containerDefinitions/0/image 18:18 expected a string, got an array',
      'INVALID_INPUT /1/containerDefinitions/0/secrets/0 22:11 the secret has no "valueFrom"',
      'INVALID_INPUT /1/containerDefinitions/0/logConfiguration/options/awslogs-create-group 30:37 expected a string, got true',
      'INVALID_INPUT /1/volumes/0/efsVolumeConfiguration/fileSystemId 39:27 expected a string, got 5',
      'INVALID_INPUT /2 44:3 expected an ECS task definition object, got "my-app-task"',
    ]);
    expect(errors.every((e) => e.file === name)).toBe(true);
    expect(inventory.taskDefinitions.map(withoutLoc)).toEqual([
      {
        family: 'bad-types',
        executionRoleArn: 'arn:aws:iam::123456789012:role/MyECSExecutionRole',
        containers: [
          {
            name: 'app',
            image: '',
            secrets: [],
            environmentFiles: [],
            logConfiguration: {
              logDriver: 'awslogs',
              options: { 'awslogs-group': '/ecs/bad' },
              secretOptions: [],
            },
          },
        ],
        efsVolumes: [],
        requiresCompatibilities: [],
      },
    ]);
  });

  it.each<[string, unknown, string[], Partial<TaskDefinition> | undefined]>([
    [
      'no family, but an ARN to take it from',
      {
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:111122223333:task-definition/api:4',
        containerDefinitions: [],
      },
      ['/ the task definition has no "family"'],
      { family: 'api', revision: 4, region: 'us-east-1', account: '111122223333' },
    ],
    [
      'containerDefinitions not an array',
      { family: 'f', containerDefinitions: { name: 'app' } },
      ['/containerDefinitions expected an array, got an object'],
      { family: 'f', containers: [] },
    ],
    [
      'no containerDefinitions',
      { family: 'f', taskRoleArn: 'r' },
      ['/ the task definition has no "containerDefinitions"'],
      { family: 'f', taskRoleArn: 'r', containers: [] },
    ],
    [
      'a malformed task definition ARN is kept as written',
      { taskDefinition: { family: 'f', taskDefinitionArn: 'f:1', containerDefinitions: [] } },
      [
        '/taskDefinition/taskDefinitionArn expected an ARN like arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REVISION, got "f:1"',
      ],
      { family: 'f', arn: 'f:1' },
    ],
    [
      'null and empty role fields count as absent',
      { family: 'f', taskRoleArn: '', executionRoleArn: null, volumes: null, containerDefinitions: [] },
      [],
      { family: 'f', containers: [], efsVolumes: [] },
    ],
    [
      'a container without name or image is kept for its secrets',
      { family: 'f', containerDefinitions: [{ secrets: [{ name: 'A', valueFrom: '/p/a' }] }] },
      [
        '/containerDefinitions/0 the container definition has no "name"',
        '/containerDefinitions/0 the container definition has no "image"',
      ],
      {
        containers: [
          { name: '', image: '', secrets: [{ name: 'A', valueFrom: '/p/a' }], environmentFiles: [] },
        ],
      },
    ],
    [
      'get-role output is not a task definition',
      { Role: { RoleName: 'r', Arn: 'arn:aws:iam::111122223333:role/r' } },
      ['/ expected an ECS task definition, got "aws iam get-role" output'],
      undefined,
    ],
    [
      'a service without a name',
      { services: [{ taskDefinition: 'f:1', clusterArn: 'c' }] },
      ['/services/0 the service has no "serviceName"'],
      undefined,
    ],
  ])('%s', (_id, input, expectedErrors, expected) => {
    const { inventory, errors } = parseTaskDefinitions(json(JSON.stringify(input)), 'x.json');
    expect(errors.map((e) => `${e.pointer || '/'} ${e.message}`)).toEqual(expectedErrors);
    expect(errors.every((e) => e.code === 'INVALID_INPUT')).toBe(true);
    if (expected) expect(inventory.taskDefinitions[0]).toMatchObject(expected);
    else expect(inventory.taskDefinitions).toEqual([]);
  });
});

describe('detectAwsJsonKind', () => {
  it.each<[string, AwsJsonKind | undefined]>([
    ['seed/task-definition.json', 'task-definition'],
    ['task-definition-web.json', 'task-definition'],
    ['task-definitions-extra.json', 'task-definition'],
    ['task-definitions-bad.json', 'task-definition'],
    ['describe-task-definition-seed.json', 'describe-task-definition'],
    ['describe-services.json', 'describe-services'],
    ['seed/MyECSTaskRole.json', 'get-role'],
    ['seed/MyECSExecutionRole.json', 'get-role'],
    ['role-combined.json', 'get-role'],
    ['account-authorization-details.json', 'account-authorization-details'],
  ])('%s is %s', (name, kind) => {
    expect(detectAwsJsonKind(fixture(name))).toBe(kind);
  });

  it.each<[string, unknown, AwsJsonKind | undefined]>([
    ['a policy', { Version: '2012-10-17', Statement: [] }, undefined],
    ['CloudTrail records', { Records: [] }, undefined],
    ['an empty object', {}, undefined],
    ['an empty array', [], undefined],
    ['a string', 'family', undefined],
    [
      'a list of describe-task-definition outputs',
      [{ taskDefinition: { family: 'f' } }],
      'describe-task-definition',
    ],
    ['a bare role (--query Role)', { RoleName: 'r', AssumeRolePolicyDocument: {} }, 'get-role'],
    ['family and a role only', { family: 'f', taskRoleArn: 'r' }, 'task-definition'],
    ['family alone', { family: 'f' }, undefined],
    ['describe-services with every service missing', { services: [], failures: [] }, 'describe-services'],
    ['a "services" key of something else', { services: ['a'] }, undefined],
    [
      'only customer managed policies',
      { Policies: [{ Arn: 'a', PolicyVersionList: [] }] },
      'account-authorization-details',
    ],
    [
      'one page of account details',
      { RoleDetailList: [], IsTruncated: true },
      'account-authorization-details',
    ],
  ])('%s', (_id, value, kind) => {
    expect(detectAwsJsonKind(json(JSON.stringify(value)))).toBe(kind);
  });
});
