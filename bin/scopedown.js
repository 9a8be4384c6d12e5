#!/usr/bin/env node
// Runs the compiled CLI (npm install / npm ci builds it through the `prepare` script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin/scopedown.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('scopedown: not built yet; run `npm ci` (or `npm run build`) in the checkout first\n');
  process.exit(2);
}
await import(entry.href);
