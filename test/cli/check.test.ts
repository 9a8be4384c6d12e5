import { describe, expect, it } from 'vitest';
import type { CheckOutputJson } from '../../src/reports/json/check.js';
import { expectGolden, runScopedown } from '../support/run-cli.js';

const P = 'test/fixtures/policies';
const C = 'test/fixtures/check';

async function checkJson(...args: string[]) {
  const run = await runScopedown(['check', '--format', 'json', ...args]);
  return { ...run, json: JSON.parse(run.stdout) as CheckOutputJson };
}

describe('scopedown check: the seed scenario', () => {
  it('broad policy (s3:* on *): SERVICE_WILDCARD and RESOURCE_WILDCARD, exit 1', async () => {
    const { code, json, stdout } = await checkJson(`${P}/seed-broad.json`);
    expect(code).toBe(1);
    expect(json.findings.map((f) => f.code).sort()).toEqual(['RESOURCE_WILDCARD', 'SERVICE_WILDCARD']);
    expectGolden('check/seed-broad.json', stdout);
  });

  it('scoped policy: no error or security finding, exit 0', async () => {
    const { code, json, stdout } = await checkJson(`${P}/seed-scoped.json`);
    expect(code).toBe(0);
    expect(json.findings.filter((f) => f.severity === 'error' || f.severity === 'security')).toEqual([]);
    expectGolden('check/seed-scoped.json', stdout);
  });

  it('object ARN only: ListBucket mismatch, fix adds the bucket ARN', async () => {
    const { code, json, stdout } = await checkJson(`${P}/seed-object-only.json`);
    expect(code).toBe(1);
    expect(json.findings).toMatchObject([
      {
        code: 'RESOURCE_TYPE_MISMATCH',
        severity: 'error',
        statement: 0,
        action: 's3:ListBucket',
        fix: { addResource: 'arn:aws:s3:::my-app-data-bucket' },
      },
    ]);
    expectGolden('check/seed-object-only.json', stdout);
  });

  it('bucket ARN only: GetObject mismatch, fix adds the object ARN', async () => {
    const { code, json } = await checkJson(`${P}/seed-bucket-only.json`);
    expect(code).toBe(1);
    expect(json.findings).toMatchObject([
      {
        code: 'RESOURCE_TYPE_MISMATCH',
        statement: 0,
        action: 's3:GetObject',
        fix: { addResource: 'arn:aws:s3:::my-app-data-bucket/*' },
      },
    ]);
  });
});

describe('scopedown check: typos', () => {
  it.each([
    ['typo-action.json', 'UNKNOWN_ACTION', { replaceAction: { from: 's3:GetObjct', to: 's3:GetObject' } }],
    [
      'typo-operator.json',
      'UNKNOWN_CONDITION_OPERATOR',
      { replaceOperator: { from: 'StringEqualz', to: 'StringEquals' } },
    ],
    [
      'bad-arn.json',
      'INVALID_ARN',
      { replaceResource: { from: 'arn:aws:s3::my-bucket', to: 'arn:aws:s3:::my-bucket' } },
    ],
  ])('%s → %s with a fix', async (file, code, fix) => {
    const run = await checkJson(`${C}/${file}`);
    expect(run.code).toBe(1);
    expect(run.json.findings.find((f) => f.code === code)?.fix).toEqual(fix);
  });

  it('points at the exact line and column', async () => {
    const { json } = await checkJson(`${C}/typo-action.json`);
    expect(json.findings[0]).toMatchObject({
      file: `${C}/typo-action.json`,
      line: 6,
      column: 17,
      pointer: '/Statement/0/Action',
    });
  });
});

describe('scopedown check: bad input', () => {
  it('a folder mixing good and bad files: one line per bad file, the good one still checked, exit 2', async () => {
    const run = await checkJson(`${C}/mixed`);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines)
      expect(line).toMatch(/^test\/fixtures\/check\/mixed\/\w+\.json(:\d+:\d+)?( \/\S*)?: .+/);
    expect(lines.find((l) => l.includes('malformed.json'))).toMatch(/malformed\.json:4:\d+/);
    expect(run.json.summary).toMatchObject({ files: 5, policies: 1 });
    expect(run.json.errors).toHaveLength(4);
  });

  it('a missing file is bad input (exit 2), named in one line', async () => {
    const run = await runScopedown(['check', 'no/such/file.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no/such/file.json');
  });

  it('an unknown option or format is bad usage (exit 2)', async () => {
    expect((await runScopedown(['check', '--format', 'xml', `${P}/seed-broad.json`])).code).toBe(2);
    expect((await runScopedown(['check', '--wat'])).code).toBe(2);
    expect((await runScopedown(['check'])).code).toBe(2);
  });
});

describe('scopedown check --fail-on', () => {
  it.each([
    ['security', `${P}/seed-broad.json`, 1],
    ['security', `${P}/seed-object-only.json`, 0],
    ['error', `${P}/seed-object-only.json`, 1],
    ['warning', `${P}/seed-scoped.json`, 0],
  ])('--fail-on %s on %s → exit %i', async (failOn, file, expected) => {
    expect((await runScopedown(['check', '--fail-on', failOn, file])).code).toBe(expected);
  });
});

describe('scopedown check --format sarif', () => {
  it('is SARIF 2.1.0 with rule metadata and line/column locations', async () => {
    const run = await runScopedown(['check', '--format', 'sarif', `${P}/seed-object-only.json`]);
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe('2.1.0');
    const runs = sarif.runs[0];
    expect(runs.tool.driver.name).toBe('scopedown');
    const rule = runs.tool.driver.rules.find((r: { id: string }) => r.id === 'RESOURCE_TYPE_MISMATCH');
    expect(rule.shortDescription.text).toBeTruthy();
    expect(runs.results[0]).toMatchObject({
      ruleId: 'RESOURCE_TYPE_MISMATCH',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: `${P}/seed-object-only.json` },
            region: { startLine: 8, startColumn: 9 },
          },
        },
      ],
    });
    expect(runs.tool.driver.rules[runs.results[0].ruleIndex].id).toBe('RESOURCE_TYPE_MISMATCH');
  });
});

describe('scopedown check text output', () => {
  it('one line per finding, then a summary', async () => {
    const run = await runScopedown(['check', `${P}/seed-broad.json`]);
    expect(run.stdout).toMatch(/seed-broad\.json:\d+:\d+ +security +SERVICE_WILDCARD/);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('1 file checked: 2 security');
  });
});
