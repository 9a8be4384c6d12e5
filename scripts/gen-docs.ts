import { writeFileSync } from 'node:fs';
import { CHECKS } from '../src/analyses/check/index.js';
import { COMMANDS } from '../src/cli/main.js';
import { renderChecksDoc, renderCliDoc } from './docs.js';

const root = new URL('../../', import.meta.url);
writeFileSync(new URL('docs/checks.md', root), renderChecksDoc(CHECKS));
writeFileSync(new URL('docs/cli.md', root), renderCliDoc(COMMANDS));
console.log('wrote docs/checks.md and docs/cli.md');
