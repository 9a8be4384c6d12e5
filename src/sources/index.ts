export * from './json-located.parse.js';
export * from './policy.parse.js';
export * from './policy-file.read.js';
export * from './test-cases.parse.js';
