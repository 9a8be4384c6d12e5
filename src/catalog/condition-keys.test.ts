import { describe, expect, it } from 'vitest';
import { variableKeyMatcher } from './condition-keys.js';
import { loadCatalog } from './load.js';

const catalog = loadCatalog();

describe('conditionKey', () => {
  it.each([
    // id, lookup, canonical key, type, service, multivalued
    ['global', 'aws:SourceIp', 'aws:SourceIp', 'IPAddress', 'aws', false],
    ['global, any case', 'AWS:SOURCEIP', 'aws:SourceIp', 'IPAddress', 'aws', false],
    ['global multivalued', 'aws:TagKeys', 'aws:TagKeys', 'ArrayOfString', 'aws', true],
    ['global tag', 'aws:ResourceTag/team', 'aws:ResourceTag/${TagKey}', 'String', 'aws', false],
    [
      'global tag with slashes',
      'aws:RequestTag/k8s.io/cluster',
      'aws:RequestTag/${TagKey}',
      'String',
      'aws',
      false,
    ],
    [
      'global tag, template spelling',
      'aws:RequestTag/${TagKey}',
      'aws:RequestTag/${TagKey}',
      'String',
      'aws',
      false,
    ],
    [
      'global tag, list spelling',
      'aws:PrincipalTag/tag-key',
      'aws:PrincipalTag/${TagKey}',
      'String',
      'aws',
      false,
    ],
    ['principal tag', 'aws:PrincipalTag/x', 'aws:PrincipalTag/${TagKey}', 'String', 'aws', false],
    ['service', 's3:prefix', 's3:prefix', 'String', 's3', false],
    ['service, any case', 'S3:Prefix', 's3:prefix', 'String', 's3', false],
    ['service <key>', 's3:ExistingObjectTag/env', 's3:ExistingObjectTag/<key>', 'String', 's3', false],
    ['service ${TagKey}', 'ec2:ResourceTag/team', 'ec2:ResourceTag/${TagKey}', 'String', 'ec2', false],
    [
      'variable in the middle',
      'kms:EncryptionContext:app',
      'kms:EncryptionContext:${EncryptionContextKey}',
      'String',
      'kms',
      false,
    ],
    ['prefix of no service', 'saml:aud', 'saml:aud', 'String', 'sts', false],
    [
      'variable prefix of no service',
      'token.actions.githubusercontent.com/org/repo:actor',
      'token.actions.githubusercontent.com/${SubPath}:actor',
      'String',
      'sts',
      false,
    ],
    ['key only another service defines', 'ec2:osuser', 'ec2:osuser', 'String', 'ec2-instance-connect', false],
    [
      'another service, multivalued',
      'identitystore:GroupId',
      'identitystore:GroupId',
      'ArrayOfString',
      'q',
      true,
    ],
    ['service key that is global too', 'ec2:SourceInstanceArn', 'ec2:SourceInstanceARN', 'ARN', 'ec2', false],
  ])('%s: %s → %s', (_id, lookup, key, type, service, multivalued) => {
    expect(catalog.conditionKey(lookup)).toEqual({ key, type, service, multivalued });
  });

  it.each([
    ['unknown global', 'aws:NoSuchKey'],
    ['unknown service key', 's3:NoSuchKey'],
    ['unknown service', 'nosuchservice:key'],
    ['tag key without a tag', 'aws:ResourceTag/'],
    ['no prefix', 'SourceIp'],
    ['empty prefix', ':SourceIp'],
  ])('%s: %s → undefined', (_id, lookup) => {
    expect(catalog.conditionKey(lookup)).toBeUndefined();
    expect(catalog.conditionKey(lookup)).toBeUndefined();
  });

  it('returns the same object on a repeat lookup', () => {
    expect(catalog.conditionKey('aws:ResourceTag/a')).toBe(catalog.conditionKey('aws:resourcetag/b'));
  });

  it('resolves every key an action lists', () => {
    const action = catalog.actionByKey('s3:PutObject')!;
    for (const key of action.conditionKeys) expect(catalog.conditionKey(key)?.key).toBe(key);
  });
});

describe('serviceConditionKeys', () => {
  it('lists the keys of a service, with aws: keys attributed to aws', () => {
    const keys = catalog.serviceConditionKeys('s3');
    expect(keys.find((k) => k.key === 's3:prefix')).toMatchObject({ service: 's3' });
    expect(keys.find((k) => k.key === 'aws:TagKeys')).toMatchObject({ service: 'aws', multivalued: true });
  });

  it('lists nothing for an unknown service', () => {
    expect(catalog.serviceConditionKeys('nosuchservice')).toEqual([]);
  });
});

describe('variableKeyMatcher', () => {
  it.each([
    ['aws:RequestTag/${TagKey}', 'aws:requesttag/team', true],
    ['aws:RequestTag/${TagKey}', 'aws:requesttag/', false],
    ['s3:ExistingObjectTag/<key>', 's3:existingobjecttag/env', true],
    ['agent.${Domain}.buildkite.dev:cluster_id', 'agent.acme.buildkite.dev:cluster_id', true],
    ['agent.${Domain}.buildkite.dev:cluster_id', 'agent.acme.buildkiteXdev:cluster_id', false],
  ])('%s matches %s: %s', (template, key, expected) => {
    expect(variableKeyMatcher(template)?.test(key)).toBe(expected);
  });

  it('returns undefined for a key without placeholders', () => {
    expect(variableKeyMatcher('s3:prefix')).toBeUndefined();
  });
});

describe('tag keys spelled as plain text in service files', () => {
  it('secretsmanager:ResourceTag/tag-key matches concrete tag names, colons included', async () => {
    const { loadCatalog } = await import('./load.js');
    expect(
      loadCatalog().conditionKey('secretsmanager:ResourceTag/aws:secretsmanager:owningService')?.key,
    ).toBe('secretsmanager:ResourceTag/tag-key');
  });
});
