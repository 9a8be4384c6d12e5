import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IamDataCatalog } from './iam-data-catalog.js';
import { createCatalog, loadCatalog } from './load.js';

const catalog = loadCatalog();

describe('actions', () => {
  it.each([
    ['s3:GetObject', ['accesspointobject', 'object']],
    ['s3:ListBucket', ['accesspoint', 'bucket']],
    ['iam:PassRole', ['role']],
  ])('%s has resource types %j', (key, names) => {
    expect(catalog.actionByKey(key)?.resourceTypes.map((rt) => rt.name)).toEqual(names);
  });

  it('resolves s3:GetObject to the object ARN format', () => {
    const getObject = catalog.actionByKey('s3:GetObject')!;
    const object = catalog.resourceTypesOf(getObject).find((rt) => rt.name === 'object');
    expect(object?.arnFormat).toBe('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
  });

  it.each(['s3:ListAllMyBuckets', 'ecr:GetAuthorizationToken', 'sts:GetCallerIdentity'])(
    '%s is wildcard-only',
    (key) => {
      const action = catalog.actionByKey(key)!;
      expect(action.wildcardOnly).toBe(true);
      expect(action.resourceTypes).toEqual([]);
      expect(catalog.resourceTypesOf(action)).toEqual([]);
    },
  );

  it.each(['s3:GetObject', 's3:ListBucket', 'iam:PassRole'])('%s is not wildcard-only', (key) => {
    expect(catalog.actionByKey(key)?.wildcardOnly).toBe(false);
  });

  it.each([
    ['iam:AttachRolePolicy', ['Permissions management', 'Write']],
    ['s3:PutBucketPolicy', ['Permissions management', 'Write']],
    ['s3:PutObjectTagging', ['Tagging', 'Write']],
    ['s3:GetObject', ['Read']],
    ['s3:ListBucket', ['List']],
  ])('%s has access levels %j', (key, levels) => {
    expect(catalog.actionByKey(key)?.accessLevels).toEqual(levels);
  });

  it.each([
    ['s3', 'GetObject'],
    ['S3', 'getobject'],
    ['s3', 'GETOBJECT'],
  ])('finds %s:%s case-insensitively, in AWS spelling', (service, name) => {
    const action = catalog.action(service, name);
    expect(action).toMatchObject({ service: 's3', name: 'GetObject', key: 's3:GetObject' });
    expect(catalog.actionByKey(`${service}:${name}`)).toBe(action);
  });

  it.each([
    ['unknown service', 'nosuchservice', 'GetObject'],
    ['unknown action', 's3', 'GetNothing'],
    ['wildcard', 's3', 'Get*'],
    ['path-like service', '../actions/s3', 'GetObject'],
  ])('returns undefined for an %s', (_id, service, name) => {
    expect(catalog.action(service, name)).toBeUndefined();
  });

  it.each(['s3', 'nocolon', ':GetObject', 's3:'])('actionByKey(%j) is undefined', (key) => {
    expect(catalog.actionByKey(key)).toBeUndefined();
  });

  it('lists the actions of a service, none of an unknown one', () => {
    expect(catalog.actions('S3').map((a) => a.key)).toContain('s3:GetObject');
    expect(catalog.actions('nosuchservice')).toEqual([]);
  });

  it('shares frozen results so no caller can change what the others see', () => {
    const action = catalog.actionByKey('s3:GetObject')!;
    expect(Object.isFrozen(action)).toBe(true);
    expect(Object.isFrozen(action.resourceTypes)).toBe(true);
    expect(() => action.dependentActions.push('x:Y')).toThrow();
  });
});

describe('services and resource types', () => {
  it('lists services sorted and lower-case', () => {
    const services = catalog.services();
    expect(services.length).toBeGreaterThan(400);
    expect(services).toEqual([...services].sort());
    expect(services).toEqual(services.map((s) => s.toLowerCase()));
  });

  it.each([
    ['s3', true, 'Amazon S3'],
    ['ECS', true, 'Amazon Elastic Container Service'],
    ['nosuchservice', false, undefined],
  ])('%s: exists %s, named %j', (prefix, exists, name) => {
    expect(catalog.serviceExists(prefix)).toBe(exists);
    expect(catalog.serviceName(prefix)).toBe(name);
  });

  it.each([
    ['s3', 'bucket', 'arn:${Partition}:s3:::${BucketName}'],
    ['S3', 'OBJECT', 'arn:${Partition}:s3:::${BucketName}/${ObjectName}'],
    ['iam', 'role', 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'],
  ])('%s resource type %s has ARN format %s', (service, name, arn) => {
    expect(catalog.resourceType(service, name)?.arnFormat).toBe(arn);
  });

  it('returns nothing for unknown resource types and services', () => {
    expect(catalog.resourceType('s3', 'nosuchtype')).toBeUndefined();
    expect(catalog.resourceType('nosuchservice', 'bucket')).toBeUndefined();
    expect(catalog.resourceTypes('nosuchservice')).toEqual([]);
    expect(catalog.resourceTypes('s3').map((rt) => rt.name)).toContain('bucket');
  });

  it.each([
    ['s3', true],
    ['SQS', true],
    ['ecs', false],
    ['nosuchservice', false],
  ])('supportsRcp(%s) is %s', (service, expected) => {
    expect(catalog.supportsRcp(service)).toBe(expected);
  });

  it('reports the data package version', () => {
    expect(catalog.dataVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('loading', () => {
  it('returns one catalogue per process', () => {
    expect(loadCatalog()).toBe(catalog);
  });

  it('reads only the services asked for', () => {
    const fresh = new IamDataCatalog();
    expect(fresh.loadedServiceCount()).toBe(0);
    fresh.services();
    fresh.serviceExists('ec2');
    expect(fresh.loadedServiceCount()).toBe(0);
    fresh.actionByKey('s3:GetObject');
    fresh.action('s3', 'PutObject');
    fresh.conditionKey('s3:prefix');
    expect(fresh.loadedServiceCount()).toBe(1);
    fresh.conditionKey('aws:SourceIp');
    fresh.actionByKey('nosuchservice:Anything');
    // A miss scans every condition key file once, but counts as loading no service.
    fresh.conditionKey('nosuchservice:key');
    expect(fresh.loadedServiceCount()).toBe(1);
  });

  it('reads another data folder with the same layout, tolerating missing files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scopedown-catalog-'));
    mkdirSync(join(dir, 'actions'));
    writeFileSync(join(dir, 'services.json'), JSON.stringify(['demo']));
    writeFileSync(
      join(dir, 'actions', 'demo.json'),
      JSON.stringify({
        doit: {
          name: 'DoIt',
          description: 'Grants permission to do it',
          accessLevel: 'Write',
          resourceTypes: [],
          conditionKeys: [],
          dependentActions: ['demo:Prepare'],
        },
      }),
    );
    const demo = createCatalog(dir);
    expect(demo.services()).toEqual(['demo']);
    expect(demo.serviceName('demo')).toBeUndefined();
    expect(demo.actionByKey('demo:doit')).toMatchObject({
      key: 'demo:DoIt',
      dependentActions: ['demo:Prepare'],
    });
    expect(demo.resourceTypes('demo')).toEqual([]);
    expect(demo.supportsRcp('demo')).toBe(false);
    expect(demo.dataVersion).toBe('unknown');
  });
});

describe('resource types with several ARN formats', () => {
  it('splits "arn:..., arn:..." into arnFormats (API Gateway v1 and v2 stages)', () => {
    const stage = loadCatalog().resourceType('apigateway', 'Stage');
    expect(stage?.arnFormats).toEqual([
      'arn:${Partition}:apigateway:${Region}::/apis/${ApiId}/stages/${StageName}',
      'arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/stages/${StageName}',
    ]);
    expect(stage?.arnFormat).toBe(stage?.arnFormats[0]);
  });
});
