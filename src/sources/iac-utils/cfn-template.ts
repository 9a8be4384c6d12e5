/** The sections of a CloudFormation template the reader needs, indexed by name. */
import type { InputError } from '../../model/errors.js';
import type { Location } from '../../model/location.js';
import type { JsonNode, JsonObject } from '../json-located.parse.js';
import { inputError } from './inventory-result.js';
import { asObject, field } from './json-node.js';

export interface TemplateResource {
  id: string;
  type: string;
  /** Properties as written (intrinsics not yet evaluated). */
  properties?: JsonObject;
  /** The resource's `Condition`, when it has one. */
  condition?: { name: string; loc: Location };
  loc: Location;
}

export interface TemplateParameter {
  id: string;
  type: string;
  default?: JsonNode;
  loc: Location;
}

export interface Template {
  parameters: Map<string, TemplateParameter>;
  mappings?: JsonObject;
  conditions: Map<string, JsonNode>;
  /** In document order. */
  resources: Map<string, TemplateResource>;
}

/** Reads the template's sections; problems that make a resource unreadable become INVALID_TEMPLATE errors. */
export function indexTemplate(root: JsonNode, errors: InputError[]): Template | undefined {
  if (root.kind !== 'object') {
    errors.push(
      inputError(
        'NOT_A_TEMPLATE',
        root.loc,
        'expected a CloudFormation template (an object with "Resources")',
      ),
    );
    return undefined;
  }
  const resourcesNode = field(root, 'Resources');
  if (resourcesNode?.kind !== 'object') {
    const message = resourcesNode
      ? '"Resources" must be a map of logical ids to resources'
      : 'not a CloudFormation template: it has no "Resources"';
    errors.push(inputError('NOT_A_TEMPLATE', resourcesNode?.loc ?? root.loc, message));
    return undefined;
  }
  const template: Template = {
    parameters: new Map(),
    mappings: asObject(field(root, 'Mappings')),
    conditions: new Map(),
    resources: new Map(),
  };
  for (const e of asObject(field(root, 'Parameters'))?.entries ?? []) {
    const p = asObject(e.value);
    const type = field(p, 'Type');
    template.parameters.set(e.key, {
      id: e.key,
      type: type?.kind === 'string' ? type.value : 'String',
      default: field(p, 'Default'),
      loc: e.keyLoc,
    });
  }
  for (const e of asObject(field(root, 'Conditions'))?.entries ?? []) template.conditions.set(e.key, e.value);
  for (const e of resourcesNode.entries) {
    const r = e.value;
    if (r.kind !== 'object') {
      errors.push(
        inputError('INVALID_TEMPLATE', e.keyLoc, `resource "${e.key}" must be an object with "Type"`),
      );
      continue;
    }
    const type = field(r, 'Type');
    if (type?.kind !== 'string') {
      errors.push(
        inputError('INVALID_TEMPLATE', type?.loc ?? e.keyLoc, `resource "${e.key}" has no "Type" string`),
      );
      continue;
    }
    const properties = field(r, 'Properties');
    if (properties && properties.kind !== 'object') {
      errors.push(
        inputError('INVALID_TEMPLATE', properties.loc, `"Properties" of "${e.key}" must be an object`),
      );
      continue;
    }
    const condition = field(r, 'Condition');
    template.resources.set(e.key, {
      id: e.key,
      type: type.value,
      properties,
      condition: condition?.kind === 'string' ? { name: condition.value, loc: condition.loc } : undefined,
      loc: e.keyLoc,
    });
  }
  return template;
}

/** Where the names and ARNs of common resources come from, for `Ref` and `Fn::GetAtt`. */
export interface NamedResourceSpec {
  /** The property that holds the physical name; CloudFormation generates one when it is absent. */
  nameProperty: string;
  /** What `Ref` returns. */
  ref: 'name' | 'arn' | 'none';
  /** `Fn::GetAtt` attributes that are the ARN (or the name). */
  arnAttributes: readonly string[];
  nameAttributes?: readonly string[];
  /** ARN from partition, region, account, path and name. */
  arn?: (e: ArnEnv, name: string, path: string) => string;
  /** Has a `Path` property that is part of its ARN. */
  hasPath?: boolean;
}

export interface ArnEnv {
  partition: string;
  region: string;
  account: string;
}

export const NAMED_RESOURCES: Readonly<Record<string, NamedResourceSpec>> = {
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    ref: 'name',
    arnAttributes: ['Arn'],
    hasPath: true,
    arn: (e, name, path) => `arn:${e.partition}:iam::${e.account}:role${path}${name}`,
  },
  'AWS::IAM::ManagedPolicy': {
    nameProperty: 'ManagedPolicyName',
    ref: 'arn',
    arnAttributes: ['PolicyArn'],
    hasPath: true,
    arn: (e, name, path) => `arn:${e.partition}:iam::${e.account}:policy${path}${name}`,
  },
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    ref: 'name',
    arnAttributes: ['Arn'],
    arn: (e, name) => `arn:${e.partition}:s3:::${name}`,
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    ref: 'name',
    arnAttributes: ['Arn'],
    // GetAtt Arn of a log group ends in `:*`.
    arn: (e, name) => `arn:${e.partition}:logs:${e.region}:${e.account}:log-group:${name}:*`,
  },
  'AWS::ECS::Cluster': {
    nameProperty: 'ClusterName',
    ref: 'name',
    arnAttributes: ['Arn'],
    arn: (e, name) => `arn:${e.partition}:ecs:${e.region}:${e.account}:cluster/${name}`,
  },
  'AWS::ECR::Repository': {
    nameProperty: 'RepositoryName',
    ref: 'name',
    arnAttributes: ['Arn'],
    arn: (e, name) => `arn:${e.partition}:ecr:${e.region}:${e.account}:repository/${name}`,
  },
  'AWS::DynamoDB::Table': {
    nameProperty: 'TableName',
    ref: 'name',
    arnAttributes: ['Arn'],
    arn: (e, name) => `arn:${e.partition}:dynamodb:${e.region}:${e.account}:table/${name}`,
  },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    ref: 'none',
    arnAttributes: ['Arn'],
    nameAttributes: ['QueueName'],
    arn: (e, name) => `arn:${e.partition}:sqs:${e.region}:${e.account}:${name}`,
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    ref: 'arn',
    arnAttributes: ['TopicArn'],
    nameAttributes: ['TopicName'],
    arn: (e, name) => `arn:${e.partition}:sns:${e.region}:${e.account}:${name}`,
  },
  'AWS::SSM::Parameter': { nameProperty: 'Name', ref: 'name', arnAttributes: [] },
  'AWS::Kinesis::Stream': {
    nameProperty: 'Name',
    ref: 'name',
    arnAttributes: ['Arn'],
    arn: (e, name) => `arn:${e.partition}:kinesis:${e.region}:${e.account}:stream/${name}`,
  },
  'AWS::KinesisFirehose::DeliveryStream': {
    nameProperty: 'DeliveryStreamName',
    ref: 'name',
    arnAttributes: ['Arn'],
    arn: (e, name) => `arn:${e.partition}:firehose:${e.region}:${e.account}:deliverystream/${name}`,
  },
  'AWS::ECS::TaskDefinition': { nameProperty: 'Family', ref: 'none', arnAttributes: [] },
};
