import { writeFileSync } from 'node:fs';
import { CHECKS } from '../src/analyses/check/index.js';
import { loadCatalog } from '../src/catalog/index.js';
import { COMMANDS } from '../src/cli/main.js';
import { renderChecksDoc, renderCliDoc, renderEventMapDoc } from './docs.js';

const root = new URL('../../', import.meta.url);
writeFileSync(new URL('docs/checks.md', root), renderChecksDoc(CHECKS));
writeFileSync(new URL('docs/cli.md', root), renderCliDoc(COMMANDS));
writeFileSync(new URL('docs/event-map.md', root), renderEventMapDoc(loadCatalog()));
console.log('wrote docs/checks.md, docs/cli.md and docs/event-map.md');
