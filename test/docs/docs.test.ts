import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderChecksDoc, renderCliDoc, renderEventMapDoc } from '../../scripts/docs.js';
import { CHECKS } from '../../src/analyses/check/index.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { COMMANDS } from '../../src/cli/main.js';

describe('generated docs are up to date (npm run docs)', () => {
  it('docs/checks.md', () => {
    expect(readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8')).toBe(
      renderChecksDoc(CHECKS),
    );
  });
  it('docs/cli.md', () => {
    expect(readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8')).toBe(renderCliDoc(COMMANDS));
  });
  it('docs/event-map.md', () => {
    expect(readFileSync(new URL('../../docs/event-map.md', import.meta.url), 'utf8')).toBe(
      renderEventMapDoc(loadCatalog()),
    );
  });
});
