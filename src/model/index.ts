export * from './decision.js';
export * from './errors.js';
export * from './finding.js';
export * from './inventory.js';
export * from './location.js';
export * from './policy.js';
export * from './request.js';
export * from './result.js';
