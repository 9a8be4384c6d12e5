import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Inventory, Role } from '../model/inventory.js';
import { type CloudFormationOptions, parseCloudFormationTemplate } from './cloudformation.parse.js';

const FIXTURES = new URL('../../test/fixtures/audit/iac/', import.meta.url);
const SEED_YAML = readFileSync(new URL('seed.cfn.yaml', FIXTURES), 'utf8');

function read(yaml: string, options: CloudFormationOptions = {}) {
  return parseCloudFormationTemplate(yaml, 't.yaml', options);
}

/** 1-based line of the first line containing `needle`. */
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

const TRUST = `
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ecs-tasks.amazonaws.com }
            Action: sts:AssumeRole`;

/** A template with one role and one task definition whose TaskRoleArn is `expression`. */
function withTaskRole(expression: string, extra = ''): string {
  return `
Parameters:
  Env:
    Type: String
    Default: dev
  RoleArnParam:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Mappings:
  Roles:
    eu-west-1: { Name: MyRole }
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: MyRole
      Path: /app/${TRUST}
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: fam
      TaskRoleArn: ${expression}
      ContainerDefinitions:
        - { Name: c, Image: img }
${extra}`;
}

describe('the seed template', () => {
  it('reads task definition, roles and service with real YAML lines', () => {
    const { inventory, errors } = read(SEED_YAML);
    expect(errors).toEqual([]);
    const [td] = inventory.taskDefinitions;
    expect(td).toMatchObject({
      family: 'my-app-task',
      containers: [{ name: 'my-app-container', image: 'my-docker-repo/my-app:latest' }],
    });
    expect(td!.loc).toMatchObject({
      file: 't.yaml',
      pointer: '/Resources/MyAppTaskDefinition',
      line: lineOf(SEED_YAML, 'MyAppTaskDefinition:'),
    });
    const task = roleNamed(inventory, 'MyECSTaskRole');
    expect(td!.taskRoleArn).toBe(task.arn);
    expect(td!.executionRoleArn).toBe(roleNamed(inventory, 'MyECSExecutionRole').arn);
    const statement = task.inlinePolicies[0]!.document.statements[0]!;
    expect(statement.loc.pointer).toBe(
      '/Resources/MyECSTaskRole/Properties/Policies/0/PolicyDocument/Statement/0',
    );
    expect(statement.resource![0]!.loc).toMatchObject({
      line: lineOf(SEED_YAML, "Resource: '*'"),
      pointer: '/Resources/MyECSTaskRole/Properties/Policies/0/PolicyDocument/Statement/0/Resource',
    });
    expect(task.trustPolicy!.statements[0]!.principal!.entries[0]!.value.loc.line).toBe(
      lineOf(SEED_YAML, 'Service: ecs-tasks.amazonaws.com'),
    );
    expect(inventory.services).toEqual([
      expect.objectContaining({
        name: 'my-app-service',
        cluster: 'my-cluster',
        taskDefinition: 'my-app-task',
      }),
    ]);
  });

  it('keeps unknown pseudo parameters as literal text, reported once each', () => {
    const { inventory } = read(SEED_YAML);
    expect(roleNamed(inventory, 'MyECSTaskRole').arn).toBe(
      'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/MyECSTaskRole',
    );
    expect(inventory.unresolved.map((u) => u.what)).toEqual([
      expect.stringContaining('AWS::Partition'),
      expect.stringContaining('AWS::AccountId'),
    ]);
  });

  it('builds the real ARNs when account and partition are given', () => {
    const { inventory } = read(SEED_YAML, {
      accountId: '123456789012',
      partition: 'aws',
      region: 'us-east-1',
    });
    const seed = JSON.parse(
      readFileSync(new URL('../../examples/seed/task-definition.json', import.meta.url), 'utf8'),
    );
    expect(inventory.taskDefinitions[0]).toMatchObject({
      taskRoleArn: seed.taskRoleArn,
      executionRoleArn: seed.executionRoleArn,
      region: 'us-east-1',
      account: '123456789012',
    });
    expect(inventory.unresolved).toEqual([]);
  });
});

describe('task role links resolve to the role ARN', () => {
  const known = { accountId: '111122223333', partition: 'aws', region: 'eu-west-1' };
  it.each([
    ['getatt', '!GetAtt Role.Arn', {}],
    ['getatt-list', '!GetAtt [Role, Arn]', {}],
    ['ref-gives-the-name', '!Ref Role', {}],
    ['literal-name', 'MyRole', {}],
    ['sub-attribute', '!Sub "${Role.Arn}"', {}],
    ['sub-pseudo-parameters', '!Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app/MyRole"', {}],
    [
      'sub-variables',
      '!Sub ["arn:${P}:iam::${AWS::AccountId}:role/app/${N}", {P: !Ref AWS::Partition, N: !Ref Role}]',
      {},
    ],
    [
      'join',
      '!Join ["", ["arn:", !Ref AWS::Partition, ":iam::", !Ref AWS::AccountId, ":role/app/MyRole"]]',
      {},
    ],
    ['select-split', '!Select [1, !Split ["|", !Sub "x|${Role.Arn}"]]', known],
    [
      'find-in-map',
      '!Sub ["arn:aws:iam::111122223333:role/app/${N}", {N: !FindInMap [Roles, !Ref AWS::Region, Name]}]',
      known,
    ],
    ['if-true', '!If [IsProd, !GetAtt Role.Arn, other]', { parameters: { Env: 'prod' } }],
    ['literal-arn', 'arn:aws:iam::111122223333:role/app/MyRole', known],
    [
      'parameter-value',
      '!Ref RoleArnParam',
      { ...known, parameters: { RoleArnParam: 'arn:aws:iam::111122223333:role/app/MyRole' } },
    ],
  ])('%s', (_id, expression, options: CloudFormationOptions) => {
    const { inventory, errors } = read(withTaskRole(expression), options);
    expect(errors).toEqual([]);
    const role = roleNamed(inventory, 'MyRole');
    expect(inventory.taskDefinitions[0]!.taskRoleArn).toBe(role.arn);
    expect(role.path).toBe('/app/');
  });

  it('gives the same link to a role whose name CloudFormation generates', () => {
    const yaml = withTaskRole('!GetAtt Role.Arn').replace('RoleName: MyRole', 'Description: no name');
    const { inventory } = read(yaml, { accountId: '111122223333', partition: 'aws' });
    expect(inventory.roles[0]!.name).toBe('${Role}');
    expect(inventory.roles[0]!.arn).toBe('arn:aws:iam::111122223333:role/app/${Role}');
    expect(inventory.taskDefinitions[0]!.taskRoleArn).toBe(inventory.roles[0]!.arn);
    expect(inventory.unresolved).toEqual([
      {
        what: expect.stringContaining('Role has no RoleName'),
        loc: expect.objectContaining({ line: lineOf(yaml, '  Role:') }),
      },
    ]);
  });

  it('leaves out a role that Fn::If takes away with AWS::NoValue', () => {
    const { inventory } = read(withTaskRole('!If [IsProd, !GetAtt Role.Arn, !Ref AWS::NoValue]'));
    expect(inventory.taskDefinitions[0]!.taskRoleArn).toBeUndefined();
  });
});

describe('what a template cannot tell is Unresolved, never guessed', () => {
  it.each([
    ['parameter-without-value', '!Ref RoleArnParam', '${RoleArnParam}', 'RoleArnParam'],
    ['import', '!ImportValue shared-task-role', '${Fn::ImportValue:shared-task-role}', 'Fn::ImportValue'],
    [
      'condition-on-unknown',
      '!If [Unknowable, !GetAtt Role.Arn, x]',
      '${Fn::If:Unknowable}',
      'Fn::If Unknowable',
    ],
    ['unknown-attribute', '!GetAtt Role.RoleId', '${Role.RoleId}', 'Role.RoleId'],
    ['missing-resource', '!GetAtt Nope.Arn', '${Nope.Arn}', 'no resource "Nope"'],
    ['unknown-function', '!Cidr [10.0.0.0/16, 1, 8]', '${Fn::Cidr}', 'Fn::Cidr'],
    [
      'sub-of-parameter',
      '!Sub "arn:aws:iam::111122223333:role/${RoleArnParam}"',
      'arn:aws:iam::111122223333:role/${RoleArnParam}',
      'RoleArnParam',
    ],
  ])('%s', (_id, expression, placeholder, mentioned) => {
    const yaml = withTaskRole(expression).replace(
      'IsProd: !Equals [!Ref Env, prod]',
      'IsProd: !Equals [!Ref Env, prod]\n  Unknowable: !Equals [!Ref RoleArnParam, x]',
    );
    const { inventory, errors } = read(yaml, { accountId: '111122223333', partition: 'aws' });
    expect(errors).toEqual([]);
    expect(inventory.taskDefinitions[0]!.taskRoleArn).toBe(placeholder);
    const entry = inventory.unresolved.find((u) => u.what.includes(mentioned));
    expect(entry?.loc).toMatchObject({
      file: 't.yaml',
      line: lineOf(yaml, 'TaskRoleArn:'),
      pointer: '/Resources/TaskDef/Properties/TaskRoleArn',
    });
  });

  it('names a role of another stack as written, and says so', () => {
    const { inventory } = read(withTaskRole('SomeoneElsesRole'));
    expect(inventory.taskDefinitions[0]!.taskRoleArn).toBe('SomeoneElsesRole');
    expect(inventory.unresolved.some((u) => u.what.includes('"SomeoneElsesRole"'))).toBe(true);
  });

  it('notes a Transform', () => {
    const { inventory } = read(`Transform: AWS::Serverless-2016-10-31\n${withTaskRole('!GetAtt Role.Arn')}`);
    expect(inventory.unresolved.some((u) => u.what.includes('Transform') && u.loc.line === 1)).toBe(true);
  });
});

describe('intrinsics inside policy documents', () => {
  const yaml = `
Resources:
  Named:
    Type: AWS::S3::Bucket
    Properties: { BucketName: my-bucket }
  Unnamed:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: reader${TRUST}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource:
                  - !Sub arn:aws:s3:::\${Named}/*
                  - !GetAtt Named.Arn
                  - !Sub "\${Named.Arn}/public/*"
                  - !GetAtt Unnamed.Arn
                  - !Sub "\${Unnamed.Arn}/*"
                  - !Sub "arn:aws:s3:::my-bucket/home/\${!aws:username}/*"
`;

  it('resolves what the template names, and leaves a never-matching placeholder for the rest', () => {
    const { inventory, errors } = read(yaml, { partition: 'aws', accountId: '111122223333' });
    expect(errors).toEqual([]);
    const resources = inventory.roles[0]!.inlinePolicies[0]!.document.statements[0]!.resource!;
    expect(resources.map((r) => r.value)).toEqual([
      'arn:aws:s3:::my-bucket/*',
      'arn:aws:s3:::my-bucket',
      'arn:aws:s3:::my-bucket/public/*',
      'arn:aws:s3:::${Unnamed}',
      'arn:aws:s3:::${Unnamed}/*',
      'arn:aws:s3:::my-bucket/home/${aws:username}/*',
    ]);
    expect(resources[3]!.loc.line).toBe(lineOf(yaml, '- !GetAtt Unnamed.Arn'));
    expect(inventory.unresolved).toEqual([
      {
        what: expect.stringContaining('Unnamed has no BucketName'),
        loc: expect.objectContaining({ line: lineOf(yaml, '  Unnamed:') }),
      },
    ]);
  });

  it('reports policy problems at their YAML line', () => {
    const bad = yaml.replace('Effect: Allow', 'Effect: allow');
    const { errors } = read(bad);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'INVALID_POLICY', line: lineOf(bad, 'Effect: allow'), file: 't.yaml' }),
    ]);
  });
});

describe('IAM resources', () => {
  const yaml = `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app${TRUST}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
      PermissionsBoundary: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/boundary
  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref Role, SomeoneElse]
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: sqs:SendMessage, Resource: '*' }] }
  Inline:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: !Ref Role
      PolicyName: inline
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: sns:Publish, Resource: '*' }] }
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: managed
      Path: /team/
      Roles: [!Ref Role]
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: kms:Decrypt, Resource: '*' }] }
  AlsoAttached:
    Type: AWS::IAM::ManagedPolicy
    Condition: Never
    Properties:
      Roles: [!Ref Role]
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: '*', Resource: '*' }] }
Conditions:
  Never: !Equals [a, b]
`;

  it('gathers inline, attached and boundary policies onto the role', () => {
    const { inventory, errors } = read(yaml, { accountId: '111122223333', partition: 'aws' });
    expect(errors).toEqual([]);
    const role = roleNamed(inventory, 'app');
    expect(role.inlinePolicies.map((p) => p.name)).toEqual(['extra', 'inline']);
    expect(role.managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::111122223333:policy/team/managed',
    ]);
    expect(role.permissionsBoundaryArn).toBe('arn:aws:iam::111122223333:policy/boundary');
    expect(inventory.managedPolicies).toEqual([
      expect.objectContaining({ arn: 'arn:aws:iam::111122223333:policy/team/managed', name: 'managed' }),
    ]);
    expect(inventory.unresolved).toEqual([
      {
        what: expect.stringContaining('"SomeoneElse", which this template does not define'),
        loc: expect.objectContaining({ line: lineOf(yaml, 'Roles: [!Ref Role, SomeoneElse]') }),
      },
    ]);
  });
});

describe('ECS resources', () => {
  const yaml = `
Parameters:
  Secret: { Type: String, Default: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf' }
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: /ecs/app }
  Cluster:
    Type: AWS::ECS::Cluster
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      ContainerDefinitions:
        - Name: app
          Image: !Sub \${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/app:1
          Secrets:
            - { Name: DB, ValueFrom: !Ref Secret }
          LogConfiguration:
            LogDriver: awslogs
            Options:
              awslogs-group: !Ref Logs
              awslogs-region: !Ref AWS::Region
            SecretOptions: [{ Name: key, ValueFrom: /ssm/key }]
          EnvironmentFiles: [{ Type: s3, Value: arn:aws:s3:::cfg/app.env }]
          RepositoryCredentials: { CredentialsParameter: arn:aws:secretsmanager:eu-west-1:111122223333:secret:hub }
          FirelensConfiguration: { Type: fluentbit, Options: { config-file-type: s3 } }
        - Name: no-image
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: fs-1
            TransitEncryption: ENABLED
            AuthorizationConfig: { AccessPointId: fsap-1, IAM: ENABLED }
        - Name: scratch
  Service:
    Type: AWS::ECS::Service
    Properties:
      Cluster: !Ref Cluster
      TaskDefinition: !Ref TaskDef
      DesiredCount: 2
      EnableExecuteCommand: true
`;

  it('reads IAM-relevant container, volume and service fields', () => {
    const { inventory, errors } = read(yaml, { accountId: '111122223333', region: 'eu-west-1' });
    const [td] = inventory.taskDefinitions;
    expect(td!.family).toBe('${TaskDef}');
    expect(td!.requiresCompatibilities).toEqual(['FARGATE']);
    expect(td!.containers).toEqual([
      {
        name: 'app',
        image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1',
        secrets: [
          { name: 'DB', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf' },
        ],
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': '/ecs/app', 'awslogs-region': 'eu-west-1' },
          secretOptions: [{ name: 'key', valueFrom: '/ssm/key' }],
        },
        environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::cfg/app.env' }],
        repositoryCredentials: {
          credentialsParameter: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:hub',
        },
        firelensConfiguration: { type: 'fluentbit', options: { 'config-file-type': 's3' } },
      },
    ]);
    expect(td!.efsVolumes).toEqual([
      {
        name: 'data',
        fileSystemId: 'fs-1',
        transitEncryption: 'ENABLED',
        accessPointId: 'fsap-1',
        iam: 'ENABLED',
      },
    ]);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'INVALID_TEMPLATE', line: lineOf(yaml, '- Name: no-image') }),
    ]);
    expect(inventory.services).toEqual([
      expect.objectContaining({
        name: 'Service',
        cluster: '${Cluster}',
        taskDefinition: '${TaskDef}',
        desiredCount: 2,
        enableExecuteCommand: true,
      }),
    ]);
    expect(inventory.unresolved.map((u) => u.what)).toEqual([
      expect.stringContaining('TaskDef has no Family'),
      expect.stringContaining('Cluster has no ClusterName'),
    ]);
  });
});

it('reads a flow-style YAML template that starts with a brace', () => {
  const text =
    '{Resources: {R: {Type: AWS::IAM::Role, Properties: {RoleName: !Ref N, AssumeRolePolicyDocument: {}}}}}';
  const { inventory, errors } = read(text);
  expect(inventory.roles[0]!.name).toBe('${N}');
  expect(errors.map((e) => e.code)).toEqual(['NOT_A_POLICY']);
});

describe('input errors', () => {
  it.each([
    ['broken-yaml', 'Resources:\n  A:\n    Type: [x\n', 'INVALID_YAML', 4],
    ['broken-json', '{\n  "Resources": {\n    "A": { "Type": }\n  }\n}', 'INVALID_JSON', 3],
    ['no-resources', 'AWSTemplateFormatVersion: "2010-09-09"\n', 'NOT_A_TEMPLATE', 1],
    ['not-a-map', '- a\n- b\n', 'NOT_A_TEMPLATE', 1],
    ['resource-without-type', 'Resources:\n  A:\n    Properties: {}\n', 'INVALID_TEMPLATE', 2],
    [
      'properties-not-a-map',
      'Resources:\n  A:\n    Type: AWS::IAM::Role\n    Properties: [1]\n',
      'INVALID_TEMPLATE',
      4,
    ],
  ])('%s', (_id, text, code, line) => {
    const { errors, inventory } = read(text);
    expect(errors[0]).toMatchObject({ code, line, file: 't.yaml' });
    expect(inventory.taskDefinitions).toEqual([]);
  });
});
