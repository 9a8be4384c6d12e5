/**
 * What a task definition alone says its roles must be allowed to do (ECS DG, "Task execution IAM
 * role", "Amazon ECS task IAM role", taskdef-envfiles, using_awslogs, using_firelens,
 * efs-volumes, secrets; aws-facts §4.2). Every requirement names the field it comes from.
 */
import type { ContainerDefinition, SecretRef, TaskDefinition } from '../../model/index.js';

export interface Requirement {
  role: 'execution' | 'task';
  actions: string[];
  resource: string;
  /** Condition block to put on the statement, when the requirement is conditional (EFS access point). */
  condition?: Record<string, Record<string, string>>;
  /** The task definition field that needs it, e.g. `containerDefinitions[0].secrets[1].valueFrom`. */
  because: string;
}

export interface Requirements {
  requirements: Requirement[];
  /** Things the definition needs that cannot be turned into a resource (a name without region, a cross-Region reference). */
  notes: string[];
}

const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::[^@]*)?(?:@sha256:[0-9a-f]{64})?$/;

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `arn:aws:secretsmanager:R:A:secret:NAME-AbCdEf:json-key:stage:id` → the secret's ARN. */
function secretArn(valueFrom: string): string {
  const parts = valueFrom.split(':');
  return parts.slice(0, 7).join(':');
}

interface Where {
  region: string | undefined;
  account: string | undefined;
}

function secretRequirement(
  ref: SecretRef,
  field: string,
  where: Where,
  notes: string[],
): Requirement | undefined {
  const v = ref.valueFrom;
  if (v.startsWith('arn:') && v.split(':')[2] === 'secretsmanager') {
    return {
      role: 'execution',
      actions: ['secretsmanager:GetSecretValue'],
      resource: secretArn(v),
      because: field,
    };
  }
  if (v.startsWith('arn:') && v.split(':')[2] === 'ssm') {
    return { role: 'execution', actions: ['ssm:GetParameters'], resource: v, because: field };
  }
  // A bare name is an SSM parameter in the task's own Region and account.
  if (!v.startsWith('arn:')) {
    if (!where.region || !where.account) {
      notes.push(
        `${field}: parameter "${v}" is named without an ARN and the task definition's Region and account are unknown; grant ssm:GetParameters on arn:aws:ssm:REGION:ACCOUNT:parameter/${v.replace(/^\//, '')}`,
      );
      return undefined;
    }
    const name = v.replace(/^\//, '');
    return {
      role: 'execution',
      actions: ['ssm:GetParameters'],
      resource: `arn:${partitionOf(where.region)}:ssm:${where.region}:${where.account}:parameter/${name}`,
      because: field,
    };
  }
  notes.push(`${field}: "${v}" is neither a Secrets Manager nor an SSM Parameter Store reference`);
  return undefined;
}

function containerRequirements(c: ContainerDefinition, i: number, where: Where, out: Requirements): void {
  const at = `containerDefinitions[${i}]`;
  const ecr = ECR_IMAGE.exec(c.image);
  if (ecr) {
    const [, account, region, repo] = ecr as unknown as [string, string, string, string];
    out.requirements.push(
      { role: 'execution', actions: ['ecr:GetAuthorizationToken'], resource: '*', because: `${at}.image` },
      {
        role: 'execution',
        actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        resource: `arn:${partitionOf(region)}:ecr:${region}:${account}:repository/${repo}`,
        because: `${at}.image`,
      },
    );
  }
  c.secrets.forEach((s, j) => {
    const r = secretRequirement(s, `${at}.secrets[${j}].valueFrom`, where, out.notes);
    if (r) out.requirements.push(r);
  });
  const log = c.logConfiguration;
  if (log?.logDriver === 'awslogs') {
    const group = log.options['awslogs-group'];
    const region = log.options['awslogs-region'] ?? where.region;
    if (group && region && where.account) {
      const base = `arn:${partitionOf(region)}:logs:${region}:${where.account}:log-group:${group}`;
      const actions = ['logs:CreateLogStream', 'logs:PutLogEvents'];
      if (log.options['awslogs-create-group'] === 'true') actions.unshift('logs:CreateLogGroup');
      out.requirements.push({
        role: 'execution',
        actions,
        resource: `${base}:*`,
        because: `${at}.logConfiguration`,
      });
    } else {
      out.notes.push(
        `${at}.logConfiguration: awslogs needs logs:CreateLogStream and logs:PutLogEvents on the log group; its ${group ? 'Region or account' : 'awslogs-group'} is unknown`,
      );
    }
  }
  log?.secretOptions.forEach((s, j) => {
    const r = secretRequirement(s, `${at}.logConfiguration.secretOptions[${j}].valueFrom`, where, out.notes);
    if (r) out.requirements.push(r);
  });
  if (c.repositoryCredentials) {
    const p = c.repositoryCredentials.credentialsParameter;
    out.requirements.push({
      role: 'execution',
      actions: ['secretsmanager:GetSecretValue'],
      resource: p.startsWith('arn:') ? secretArn(p) : p,
      because: `${at}.repositoryCredentials.credentialsParameter`,
    });
  }
  c.environmentFiles.forEach((f, j) => {
    if (f.type !== 's3') return;
    const m = /^arn:([^:]+):s3:::([^/]+)\/(.+)$/.exec(f.value);
    if (!m) {
      out.notes.push(`${at}.environmentFiles[${j}]: "${f.value}" is not an S3 object ARN`);
      return;
    }
    const [, partition, bucket] = m as unknown as [string, string, string];
    out.requirements.push(
      {
        role: 'execution',
        actions: ['s3:GetObject'],
        resource: f.value,
        because: `${at}.environmentFiles[${j}]`,
      },
      {
        role: 'execution',
        actions: ['s3:GetBucketLocation'],
        resource: `arn:${partition}:s3:::${bucket}`,
        because: `${at}.environmentFiles[${j}]`,
      },
    );
  });
  const fl = c.firelensConfiguration;
  if (fl?.options['config-file-type'] === 's3' && fl.options['config-file-value']) {
    const value = fl.options['config-file-value'];
    const m = /^arn:([^:]+):s3:::([^/]+)\//.exec(value);
    out.requirements.push({
      role: 'execution',
      actions: ['s3:GetObject'],
      resource: value,
      because: `${at}.firelensConfiguration`,
    });
    if (m)
      out.requirements.push({
        role: 'execution',
        actions: ['s3:GetBucketLocation'],
        resource: `arn:${m[1]}:s3:::${m[2]}`,
        because: `${at}.firelensConfiguration`,
      });
  }
}

/** Requirements of one task definition, for its execution role and (EFS with IAM) its task role. */
export function requirementsOf(td: TaskDefinition): Requirements {
  const out: Requirements = { requirements: [], notes: [] };
  const where: Where = { region: td.region, account: td.account };
  td.containers.forEach((c, i) => {
    containerRequirements(c, i, where, out);
  });
  td.efsVolumes.forEach((v, i) => {
    if (v.iam !== 'ENABLED') return;
    if (!where.region || !where.account) {
      out.notes.push(
        `volumes[${i}]: EFS with IAM authorization needs elasticfilesystem:ClientMount on ${v.fileSystemId}; Region and account unknown`,
      );
      return;
    }
    const req: Requirement = {
      role: 'task',
      actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      resource: `arn:${partitionOf(where.region)}:elasticfilesystem:${where.region}:${where.account}:file-system/${v.fileSystemId}`,
      because: `volumes[${i}].efsVolumeConfiguration`,
    };
    if (v.accessPointId) {
      req.condition = {
        StringEquals: {
          'elasticfilesystem:AccessPointArn': `arn:${partitionOf(where.region)}:elasticfilesystem:${where.region}:${where.account}:access-point/${v.accessPointId}`,
        },
      };
    }
    out.requirements.push(req);
  });
  return out;
}

/** The least-privilege policy for a role from requirements: one statement per resource. */
export function policyFromRequirements(reqs: readonly Requirement[]): {
  Version: '2012-10-17';
  Statement: object[];
} {
  const byResource = new Map<string, { actions: Set<string>; condition?: Requirement['condition'] }>();
  for (const r of reqs) {
    const key = `${r.resource}\u0000${JSON.stringify(r.condition ?? null)}`;
    const entry = byResource.get(key) ?? { actions: new Set<string>(), condition: r.condition };
    for (const a of r.actions) entry.actions.add(a);
    byResource.set(key, entry);
  }
  const statements = [...byResource.entries()].map(([key, { actions, condition }]) => {
    const resource = key.split('\u0000')[0]!;
    const s: Record<string, unknown> = { Effect: 'Allow', Action: [...actions].sort(), Resource: resource };
    if (condition) s.Condition = condition;
    return s;
  });
  return { Version: '2012-10-17', Statement: statements };
}
