import { describe, expect, it } from 'vitest';
import type { AuditOutputJson } from '../../src/reports/json/audit.js';
import { runScopedown } from '../support/run-cli.js';

async function auditJson(...args: string[]) {
  const run = await runScopedown(['audit', '--format', 'json', ...args]);
  return { ...run, json: JSON.parse(run.stdout) as AuditOutputJson };
}

/** Role name → sorted finding codes: what must agree whatever the input format. */
function shape(json: AuditOutputJson) {
  return Object.fromEntries(
    json.roles.map((r) => [r.name, { kind: r.kind, codes: r.findings.map((f) => f.code).sort() }]),
  );
}

describe('scopedown audit: the seed', () => {
  it('flags MyECSTaskRole with SERVICE_WILDCARD and RESOURCE_WILDCARD in the context of my-app-task; exit 1', async () => {
    const { code, json } = await auditJson('test/fixtures/audit/files/seed');
    expect(code).toBe(1);
    const task = json.roles.find((r) => r.name === 'MyECSTaskRole')!;
    expect(task.kind).toBe('task');
    const codes = task.findings.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['SERVICE_WILDCARD', 'RESOURCE_WILDCARD']));
    expect(task.findings.find((f) => f.code === 'SERVICE_WILDCARD')).toMatchObject({
      severity: 'security',
      usedBy: ['my-app-task (task role)'],
    });
    expect(task.usedBy).toEqual([
      { taskDefinition: 'my-app-task', family: 'my-app-task', as: 'task', services: [] },
    ]);
  });

  it('judges the execution role against the task definition: a non-ECR image and no logging need nothing', async () => {
    const { json } = await auditJson('test/fixtures/audit/files/seed');
    const exec = json.roles.find((r) => r.name === 'MyECSExecutionRole')!;
    expect(exec.kind).toBe('execution');
    expect(exec.findings.find((f) => f.code === 'EXECUTION_ROLE_EXCESS')?.message).toContain(
      'they need no AWS permission at all',
    );
    expect(json.taskDefinitions[0]!.executionRolePolicy).toEqual({ Version: '2012-10-17', Statement: [] });
  });

  it('a plain policy file named after its role stands for that role (the seed as two files)', async () => {
    const { json } = await auditJson(
      'examples/seed/task-definition.json',
      'test/fixtures/audit/plain/MyECSTaskRole.json',
    );
    const task = json.roles.find((r) => r.name === 'MyECSTaskRole')!;
    expect(task.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['SERVICE_WILDCARD', 'RESOURCE_WILDCARD']),
    );
    expect(json.taskDefinitions[0]!.findings.map((f) => f.code)).toEqual(['ROLE_NOT_FOUND']);
  });
});

describe('scopedown audit: CloudFormation and Terraform express the same setup', () => {
  it('files, CloudFormation YAML and JSON, and a Terraform plan give the same findings per role', async () => {
    const files = shape((await auditJson('test/fixtures/audit/files/seed')).json);
    for (const iac of ['seed.cfn.yaml', 'seed.cfn.json', 'seed.tfplan.json']) {
      const { json } = await auditJson(`test/fixtures/audit/iac/${iac}`);
      expect(shape(json), iac).toEqual(files);
      expect(json.taskDefinitions[0]!.services).toEqual(['my-cluster/my-app-service']);
    }
  });
});

describe('scopedown audit: outputs and exit codes', () => {
  it('--exec-policy prints the least-privilege execution role policy of a task definition', async () => {
    const run = await runScopedown([
      'audit',
      '--exec-policy',
      'test/fixtures/audit/files/task-definition-web.json',
    ]);
    expect(run.code).toBe(0);
    const policy = JSON.parse(run.stdout);
    expect(policy.Statement).toContainEqual({
      Effect: 'Allow',
      Action: ['ecr:GetAuthorizationToken'],
      Resource: '*',
    });
    expect(policy.Statement).toContainEqual({
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf',
    });
  });

  it('markdown for a pull request and SARIF for code scanning', async () => {
    const md = await runScopedown(['audit', '--format', 'markdown', 'test/fixtures/audit/files/seed']);
    expect(md.stdout).toContain('| `MyECSTaskRole` | task | my-app-task |');
    const sarif = JSON.parse(
      (await runScopedown(['audit', '--format', 'sarif', 'test/fixtures/audit/files/seed'])).stdout,
    );
    expect(sarif.version).toBe('2.1.0');
    const ids = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining(['SERVICE_WILDCARD', 'EXECUTION_ROLE_EXCESS', 'EXFILTRATION_READ']),
    );
  });

  it('--fail-on security passes when only warnings remain; bad input exits 2', async () => {
    expect(
      (await runScopedown(['audit', '--fail-on', 'security', 'test/fixtures/audit/plain/scoped'])).code,
    ).toBe(0);
    const bad = await runScopedown(['audit', 'test/fixtures/audit/files/task-definitions-bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/task-definitions-bad\.json:\d+:\d+ \//);
    expect((await runScopedown(['audit'])).code).toBe(2);
  });
});
