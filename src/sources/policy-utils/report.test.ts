import { describe, expect, it } from 'vitest';
import { didYouMean } from './report.js';

const ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];

describe('didYouMean', () => {
  it.each([
    ['plural', 'Actions', 'Action'],
    ['plural of a Not element', 'NotResources', 'NotResource'],
    ['lower case', 'effect', 'Effect'],
    ['upper case', 'CONDITION', 'Condition'],
    ['dropped letter', 'Princpal', 'Principal'],
    ['two typos', 'Conditons', 'Condition'],
    ['short word, one letter off', 'Sd', 'Sid'],
    ['Id written in a statement', 'Id', 'Sid'],
  ])('%s: %s → %s', (_id, word, expected) => {
    expect(didYouMean(word, ELEMENTS)).toBe(expected);
  });

  it.each([
    ['unrelated word', 'Banana'],
    ['short word, two letters off', 'Sx'],
    ['empty', ''],
  ])('%s: no suggestion for %j', (_id, word) => {
    expect(didYouMean(word, ELEMENTS)).toBeUndefined();
  });
});
