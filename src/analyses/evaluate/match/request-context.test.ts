import { describe, expect, it } from 'vitest';
import { buildRequestContext } from './request-context.js';

describe('buildRequestContext (IAM UG, Variables and tags: "Key names are case-insensitive")', () => {
  it('finds keys by their lower-cased name', () => {
    const ctx = buildRequestContext({ 'AWS:SourceIp': '203.0.113.1', 'aws:PrincipalTag/Team': 'blue' });
    expect(ctx.get('aws:sourceip')).toBe('203.0.113.1');
    expect(ctx.get('aws:principaltag/team')).toBe('blue');
    expect(ctx.get('aws:SourceIp')).toBeUndefined();
  });

  it('keeps multivalued keys as lists, empty ones included', () => {
    const ctx = buildRequestContext({ 'aws:TagKeys': ['a', 'b'], 'aws:CalledVia': [] });
    expect(ctx.get('aws:tagkeys')).toEqual(['a', 'b']);
    expect(ctx.get('aws:calledvia')).toEqual([]);
  });

  it('lets the later of two keys that differ only in case win', () => {
    expect(buildRequestContext({ 'aws:UserName': 'a', 'AWS:username': 'b' }).get('aws:username')).toBe('b');
  });

  it('answers nothing for an empty context', () => {
    expect(buildRequestContext({}).get('aws:username')).toBeUndefined();
  });
});
