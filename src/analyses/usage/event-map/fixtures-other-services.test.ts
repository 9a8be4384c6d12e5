/**
 * mapEvent on real-format records for the rows of the Secrets Manager, SSM, CloudWatch Logs, ECR,
 * STS, Lambda, Kinesis, Firehose and Step Functions tables that index.test.ts does not cover. Each
 * expectation follows the AWS page named in its test: the Service Authorization Reference (SAR,
 * docs.aws.amazon.com/service-authorization/latest/reference/list_<service>.html) for the action and
 * the ARN format of its resource type, or the API reference where it names the permission.
 *
 * Not asserted here:
 * - states StartSyncExecution: Step Functions API ref StartSyncExecution, "This API action isn't
 *   logged in CloudTrail" (no real record can exist, so there is no fixture).
 */
import { describe, expect, it } from 'vitest';
import { mappedTo, onlyRecord } from '../../../../test/support/fixture-mapping.js';
import { loadCatalog } from '../../../catalog/index.js';
import type { EventMapping } from '../../../model/cloudtrail.js';
import { mapEvent } from './index.js';

const catalog = loadCatalog();

const ACCOUNT = '111122223333';
const PARAMETER = (name: string) => `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/${name}`;
const LOG_STREAM = (group: string, stream: string) =>
  `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${group}:log-stream:${stream}`;
const REPOSITORY = (name: string, account = ACCOUNT) => `arn:aws:ecr:us-east-1:${account}:repository/${name}`;
const STREAM = (name: string) => `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`;
const EXECUTION = `arn:aws:states:us-east-1:${ACCOUNT}:execution:order-fulfilment:order-43`;
const TASK = '8f2b6e1c9d4a4b7e9c3d2a1b0f9e8d7c';

describe('mapEvent on real-format records of the other service tables', () => {
  it.each<[string, string, EventMapping]>([
    // Secrets Manager
    [
      'Secrets Manager PutSecretValue by name → the full ARN of responseElements.arn (API ref PutSecretValue: "Required permissions: secretsmanager:PutSecretValue"; SAR secret ARN)',
      'secretsmanager-put-secret-value.json',
      mappedTo([
        'secretsmanager:PutSecretValue',
        `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/payments/api-key-Xy12Ab`,
      ]),
    ],
    // SSM Parameter Store
    [
      'SSM GetParameterHistory by a name without / → parameter/NAME (SAR Systems Manager: parameter*, parameter/${ParameterNameWithoutLeadingSlash})',
      'ssm-get-parameter-history.json',
      mappedTo(['ssm:GetParameterHistory', PARAMETER('db_password')]),
    ],
    [
      'SSM PutParameter → the parameter, leading / dropped (SAR Systems Manager: PutParameter on parameter*)',
      'ssm-put-parameter.json',
      mappedTo(['ssm:PutParameter', PARAMETER('prod/app/feature_flags')]),
    ],
    [
      'SSM DeleteParameter → the parameter, leading / dropped (SAR Systems Manager: DeleteParameter on parameter*)',
      'ssm-delete-parameter.json',
      mappedTo(['ssm:DeleteParameter', PARAMETER('prod/app/legacy_endpoint')]),
    ],
    [
      'SSM DeleteParameters → ssm:DeleteParameters on each parameter of names (SAR Systems Manager: DeleteParameters on parameter*)',
      'ssm-delete-parameters.json',
      mappedTo(
        ['ssm:DeleteParameters', PARAMETER('prod/app/old_a')],
        ['ssm:DeleteParameters', PARAMETER('prod/app/old_b')],
      ),
    ],
    [
      'SSM LabelParameterVersion by parameter ARN → the ARN as is (SAR Systems Manager: LabelParameterVersion on parameter*)',
      'ssm-label-parameter-version.json',
      mappedTo(['ssm:LabelParameterVersion', PARAMETER('prod/app/api_url')]),
    ],
    // CloudWatch Logs
    [
      'CloudWatch Logs CreateLogStream → the log-stream ARN (SAR CloudWatch Logs: CreateLogStream on log-stream*, log-group:G:log-stream:S)',
      'logs-create-log-stream.json',
      mappedTo(['logs:CreateLogStream', LOG_STREAM('/ecs/worker', `worker/app/${TASK}`)]),
    ],
    [
      'CloudWatch Logs GetLogEvents by logGroupIdentifier ARN → the log-stream ARN (SAR CloudWatch Logs: GetLogEvents on log-stream*)',
      'logs-get-log-events.json',
      mappedTo(['logs:GetLogEvents', LOG_STREAM('/ecs/web', `web/app/${TASK}`)]),
    ],
    [
      'CloudWatch Logs StartQuery over two groups → each group ARN with the trailing :* that IAM policies use for all but the tagging actions (CloudWatch Logs UG iam-access-control-overview-cwl)',
      'logs-start-query.json',
      mappedTo(
        ['logs:StartQuery', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/web:*`],
        ['logs:StartQuery', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/worker:*`],
      ),
    ],
    // ECR (image pull and push, ECR UG "logging-using-cloudtrail": a push logs InitiateLayerUpload,
    // UploadLayerPart, CompleteLayerUpload and PutImage)
    [
      'ECR GetDownloadUrlForLayer from another registry → the repository in registryId (SAR ECR: GetDownloadUrlForLayer on repository*)',
      'ecr-get-download-url-for-layer.json',
      mappedTo(['ecr:GetDownloadUrlForLayer', REPOSITORY('base/node', '444455556666')]),
    ],
    [
      'ECR BatchCheckLayerAvailability → the repository, not the layers (SAR ECR: BatchCheckLayerAvailability on repository*)',
      'ecr-batch-check-layer-availability.json',
      mappedTo(['ecr:BatchCheckLayerAvailability', REPOSITORY('web')]),
    ],
    [
      'ECR InitiateLayerUpload → the repository (SAR ECR: InitiateLayerUpload on repository*)',
      'ecr-initiate-layer-upload.json',
      mappedTo(['ecr:InitiateLayerUpload', REPOSITORY('web')]),
    ],
    [
      'ECR UploadLayerPart → the repository (SAR ECR: UploadLayerPart on repository*)',
      'ecr-upload-layer-part.json',
      mappedTo(['ecr:UploadLayerPart', REPOSITORY('web')]),
    ],
    [
      'ECR CompleteLayerUpload → the repository (SAR ECR: CompleteLayerUpload on repository*)',
      'ecr-complete-layer-upload.json',
      mappedTo(['ecr:CompleteLayerUpload', REPOSITORY('web')]),
    ],
    [
      'ECR PutImage → the repository (SAR ECR: PutImage on repository*)',
      'ecr-put-image.json',
      mappedTo(['ecr:PutImage', REPOSITORY('web')]),
    ],
    // STS
    [
      'STS AssumeRoleWithWebIdentity by a WebIdentityUser → none (STS API ref: "does not require the use of AWS security credentials")',
      'sts-assume-role-with-web-identity.json',
      { kind: 'none' },
    ],
    [
      'STS AssumeRoleWithSAML by a SAMLUser → none (STS API ref: "does not require the use of AWS security credentials")',
      'sts-assume-role-with-saml.json',
      { kind: 'none' },
    ],
    // Lambda
    [
      'Lambda InvokeWithResponseStream on an alias ARN → lambda:InvokeFunction on it (API ref: "requires permission for the lambda:InvokeFunction action")',
      'lambda-invoke-with-response-stream.json',
      mappedTo(['lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:render-report:live`]),
    ],
    // Kinesis Data Streams
    [
      'Kinesis PutRecord by streamARN → the stream ARN (SAR Kinesis: PutRecord on stream*)',
      'kinesis-put-record.json',
      mappedTo(['kinesis:PutRecord', STREAM('orders')]),
    ],
    [
      'Kinesis GetRecords with only a shard iterator → the stream of resources[] (SAR Kinesis: GetRecords on stream*)',
      'kinesis-get-records.json',
      mappedTo(['kinesis:GetRecords', STREAM('clickstream')]),
    ],
    [
      'Kinesis GetShardIterator by streamName → the stream ARN in the caller account (SAR Kinesis: GetShardIterator on stream*)',
      'kinesis-get-shard-iterator.json',
      mappedTo(['kinesis:GetShardIterator', STREAM('clickstream')]),
    ],
    [
      'Kinesis DescribeStream by streamName → the stream ARN (SAR Kinesis: DescribeStream on stream*)',
      'kinesis-describe-stream.json',
      mappedTo(['kinesis:DescribeStream', STREAM('clickstream')]),
    ],
    [
      'Kinesis DescribeStreamSummary by streamARN → the stream ARN (SAR Kinesis: DescribeStreamSummary on stream*)',
      'kinesis-describe-stream-summary.json',
      mappedTo(['kinesis:DescribeStreamSummary', STREAM('orders')]),
    ],
    [
      'Kinesis ListShards by streamName → the stream ARN (SAR Kinesis: ListShards on stream*)',
      'kinesis-list-shards.json',
      mappedTo(['kinesis:ListShards', STREAM('clickstream')]),
    ],
    // Firehose
    [
      'Firehose PutRecord → the delivery stream ARN (SAR Firehose: PutRecord on deliverystream*)',
      'firehose-put-record.json',
      mappedTo([
        'firehose:PutRecord',
        `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/audit-events-to-s3`,
      ]),
    ],
    // Step Functions
    [
      'Step Functions DescribeStateMachine → the state machine ARN (SAR Step Functions: DescribeStateMachine on statemachine*)',
      'states-describe-state-machine.json',
      mappedTo([
        'states:DescribeStateMachine',
        `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:order-fulfilment`,
      ]),
    ],
    [
      'Step Functions StopExecution → the execution ARN (SAR Step Functions: StopExecution on execution*)',
      'states-stop-execution.json',
      mappedTo(['states:StopExecution', EXECUTION]),
    ],
    [
      'Step Functions GetExecutionHistory → the execution ARN (SAR Step Functions: GetExecutionHistory on execution*)',
      'states-get-execution-history.json',
      mappedTo(['states:GetExecutionHistory', EXECUTION]),
    ],
  ])('%s', (_id, file, expected) => {
    expect(mapEvent(onlyRecord(file), catalog)).toEqual(expected);
  });
});
