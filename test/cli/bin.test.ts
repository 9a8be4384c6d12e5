import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The installed entry point, as the README's first command runs it (npm test builds first).
function bin(...args: string[]) {
  return spawnSync(process.execPath, ['bin/scopedown.js', ...args], { encoding: 'utf8' });
}

describe('bin/scopedown.js', () => {
  it('checks the bundled seed example: the broad policy fails with exit 1', () => {
    const run = bin('check', 'examples/seed/task-role-policy.json', 'examples/seed/scoped-policy.json');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('SERVICE_WILDCARD');
    expect(run.stdout).toContain('RESOURCE_WILDCARD');
    expect(run.stdout).not.toContain('scoped-policy.json');
  });

  it('prints help and version with exit 0', () => {
    expect(bin('--help').status).toBe(0);
    const help = bin('check', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--fail-on');
    expect(bin('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('an unknown command is bad usage, exit 2', () => {
    expect(bin('frobnicate').status).toBe(2);
  });
});
