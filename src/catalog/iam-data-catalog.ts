import { globalConditionKeys, ServiceConditionKeys, variableKeyMatcher } from './condition-keys.js';
import {
  locateDataDir,
  type RawConditionKey,
  type RawConditionPatterns,
  type RawServiceFile,
  type RawUnassociatedConditions,
  readDataFile,
  readDataVersion,
} from './data-files.js';
import { ServiceData } from './service-data.js';
import type { ActionInfo, Catalog, ConditionKeyInfo, ResourceTypeInfo } from './types.js';

/** A condition key prefix that names no service, e.g. 'saml' or 'token.actions.${Domain}.ghe.com'. */
interface Unassociated {
  matches(prefix: string): boolean;
  services: string[];
}

export class IamDataCatalog implements Catalog {
  readonly #dataDir: string;
  readonly #loaded = new Map<string, ServiceData>();
  /** Misses are cached too (as null): policies repeat the same unknown keys. */
  readonly #conditionKeyCache = new Map<string, ConditionKeyInfo | null>();
  #dataVersion: string | undefined;
  #services: readonly string[] | undefined;
  #serviceNames: Map<string, string> | undefined;
  #rcp: ReadonlySet<string> | undefined;
  #patterns: RawConditionPatterns | undefined;
  #unassociated: Unassociated[] | undefined;
  #foreign: ServiceConditionKeys[] | undefined;

  /** `dataDir` is the package's `data/` folder; tests may point at another with the same layout. */
  constructor(dataDir: string = locateDataDir()) {
    this.#dataDir = dataDir;
  }

  get dataVersion(): string {
    this.#dataVersion ??= readDataVersion(this.#dataDir);
    return this.#dataVersion;
  }

  /** How many services have had a file read; lets tests prove loading stays lazy. */
  loadedServiceCount(): number {
    let count = 0;
    for (const service of this.#loaded.values()) if (service.loaded) count++;
    return count;
  }

  services(): string[] {
    return [...this.#serviceList()];
  }

  serviceExists(prefix: string): boolean {
    return this.#serviceNameMap().has(prefix.toLowerCase());
  }

  serviceName(prefix: string): string | undefined {
    return this.#serviceNameMap().get(prefix.toLowerCase()) || undefined;
  }

  action(service: string, name: string): ActionInfo | undefined {
    return this.#service(service)?.actions.get(name.toLowerCase());
  }

  actionByKey(key: string): ActionInfo | undefined {
    const colon = key.indexOf(':');
    return colon === -1 ? undefined : this.action(key.slice(0, colon), key.slice(colon + 1));
  }

  actions(service: string): ActionInfo[] {
    return [...(this.#service(service)?.actions.values() ?? [])];
  }

  resourceType(service: string, name: string): ResourceTypeInfo | undefined {
    return this.#service(service)?.resourceTypes.get(name.toLowerCase());
  }

  resourceTypes(service: string): ResourceTypeInfo[] {
    return [...(this.#service(service)?.resourceTypes.values() ?? [])];
  }

  resourceTypesOf(action: ActionInfo): ResourceTypeInfo[] {
    // Hot in the checks and the engine: resolve once per action (the infos are frozen and shared).
    let types = this.#typesOf.get(action);
    if (!types) {
      types = Object.freeze(
        action.resourceTypes.flatMap((rt) => this.resourceType(action.service, rt.name) ?? []),
      );
      this.#typesOf.set(action, types);
    }
    return types as ResourceTypeInfo[];
  }

  readonly #typesOf = new WeakMap<ActionInfo, readonly ResourceTypeInfo[]>();

  conditionKey(key: string): ConditionKeyInfo | undefined {
    const lower = key.toLowerCase();
    const cached = this.#conditionKeyCache.get(lower);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.#resolveConditionKey(lower);
    this.#conditionKeyCache.set(lower, found ?? null);
    return found;
  }

  serviceConditionKeys(service: string): ConditionKeyInfo[] {
    return [...(this.#service(service)?.conditionKeys.list ?? [])];
  }

  supportsRcp(service: string): boolean {
    this.#rcp ??= new Set(
      readDataFile<string[]>(this.#dataDir, 'rcpSupportedServices.json', []).map((s) => s.toLowerCase()),
    );
    return this.#rcp.has(service.toLowerCase());
  }

  #resolveConditionKey(lower: string): ConditionKeyInfo | undefined {
    const colon = lower.indexOf(':');
    if (colon <= 0) return undefined;
    const prefix = lower.slice(0, colon);
    if (prefix === 'aws') return globalConditionKeys().find(lower);
    for (const service of this.#conditionKeyServices(prefix)) {
      const found = this.#service(service)?.conditionKeys.find(lower);
      if (found) return found;
    }
    // A few service keys ('ec2:SourceInstanceArn', 'lambda:SourceFunctionArn') are global keys too.
    const global = globalConditionKeys().find(lower);
    if (global) return global;
    for (const keys of this.#foreignConditionKeys()) {
      const found = keys.find(lower);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Keys a service's file defines under another prefix ('ec2:osuser' lives only in
   * ec2-instance-connect's file). Nothing says which file holds them, so the first lookup that gets
   * this far reads every condition key file once, without marking those services loaded.
   */
  #foreignConditionKeys(): ServiceConditionKeys[] {
    if (!this.#foreign) {
      this.#foreign = [];
      for (const service of this.#serviceList()) {
        const raw = readDataFile<RawServiceFile<RawConditionKey>>(
          this.#dataDir,
          `conditionKeys/${service}.json`,
          {},
        );
        const foreign = Object.entries(raw).filter(([key]) => {
          const prefix = key.slice(0, key.indexOf(':'));
          return prefix !== service && prefix !== 'aws';
        });
        if (foreign.length > 0)
          this.#foreign.push(new ServiceConditionKeys(service, Object.fromEntries(foreign)));
      }
    }
    return this.#foreign;
  }

  /** The services whose files may define keys with this prefix, most specific first. */
  #conditionKeyServices(prefix: string): string[] {
    this.#unassociated ??= Object.entries(
      readDataFile<RawUnassociatedConditions>(this.#dataDir, 'unassociatedConditions.json', {}),
    ).map(([name, services]): Unassociated => {
      const pattern = variableKeyMatcher(name);
      const lowerName = name.toLowerCase();
      return { matches: (p) => (pattern ? pattern.test(p) : p === lowerName), services };
    });
    const services = this.serviceExists(prefix) ? [prefix] : [];
    for (const entry of this.#unassociated) if (entry.matches(prefix)) services.push(...entry.services);
    return [...new Set(services)];
  }

  /** Only prefixes listed in services.json reach the file system, so no input can name another file. */
  #service(prefix: string): ServiceData | undefined {
    const lower = prefix.toLowerCase();
    let service = this.#loaded.get(lower);
    if (!service && this.serviceExists(lower)) {
      service = new ServiceData(lower, this.#dataDir, () => this.#conditionPatterns()[lower]);
      this.#loaded.set(lower, service);
    }
    return service;
  }

  #conditionPatterns(): RawConditionPatterns {
    this.#patterns ??= readDataFile<RawConditionPatterns>(this.#dataDir, 'conditionPatterns.json', {});
    return this.#patterns;
  }

  #serviceList(): readonly string[] {
    this.#services ??= Object.freeze(
      readDataFile<string[]>(this.#dataDir, 'services.json', [])
        .map((s) => s.toLowerCase())
        .sort(),
    );
    return this.#services;
  }

  /** Every known prefix → its display name ('' when serviceNames.json lacks one). */
  #serviceNameMap(): Map<string, string> {
    if (!this.#serviceNames) {
      const names = readDataFile<Record<string, string>>(this.#dataDir, 'serviceNames.json', {});
      const lowerNames = new Map(Object.entries(names).map(([k, v]) => [k.toLowerCase(), v]));
      this.#serviceNames = new Map(this.#serviceList().map((s) => [s, lowerNames.get(s) ?? '']));
    }
    return this.#serviceNames;
  }
}
