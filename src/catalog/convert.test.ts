import { describe, expect, it } from 'vitest';
import { parseAccessLevels, parseConditionKeyType } from './convert.js';

describe('parseAccessLevels', () => {
  it.each([
    ['Read', ['Read']],
    ['Permissions management, Write', ['Permissions management', 'Write']],
    ['Tagging, Write', ['Tagging', 'Write']],
    ['Tagging,Write', ['Tagging', 'Write']],
    ['Write, Write', ['Write']],
    ['Write, Mystery', ['Write']],
    ['', []],
  ])('%j → %j', (raw, levels) => {
    expect(parseAccessLevels(raw)).toEqual(levels);
  });
});

describe('parseConditionKeyType', () => {
  it.each([
    ['IPAddress', 'IPAddress'],
    ['ArrayOfARN', 'ArrayOfARN'],
    ['Long', 'Unknown'],
    ['string', 'Unknown'],
  ])('%s → %s', (raw, type) => {
    expect(parseConditionKeyType(raw)).toBe(type);
  });
});
