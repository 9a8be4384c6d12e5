// The library's public surface.
export type { CheckMeta } from './analyses/check/index.js';
export { CHECKS, runChecks } from './analyses/check/index.js';
export { type CheckResult, checkPaths } from './api/check.js';
export type { Catalog } from './catalog/index.js';
export { loadCatalog } from './catalog/index.js';
export * from './model/index.js';
export { parsePolicy } from './sources/index.js';
