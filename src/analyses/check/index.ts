export { CHECKS } from './checks/index.js';
export type { Check, CheckMeta } from './define-check.js';
export { ExpansionCache } from './policy-view.js';
export { findingsForUnreadable, runChecks } from './run.js';
