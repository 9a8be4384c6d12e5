import { ServiceConditionKeys } from './condition-keys.js';
import { toActionInfo, toResourceTypeInfo } from './convert.js';
import {
  type RawAction,
  type RawConditionKey,
  type RawResourceType,
  type RawServiceFile,
  readDataFile,
} from './data-files.js';
import type { ActionInfo, ResourceTypeInfo } from './types.js';

/** One service's three files, each read the first time something needs it. */
export class ServiceData {
  #actions: Map<string, ActionInfo> | undefined;
  #resourceTypes: Map<string, ResourceTypeInfo> | undefined;
  #conditionKeys: ServiceConditionKeys | undefined;

  constructor(
    readonly prefix: string,
    private readonly dataDir: string,
    private readonly patterns: () => Record<string, string> | undefined,
  ) {}

  get loaded(): boolean {
    return (
      this.#actions !== undefined || this.#resourceTypes !== undefined || this.#conditionKeys !== undefined
    );
  }

  get actions(): Map<string, ActionInfo> {
    if (!this.#actions) {
      const raw = this.#read<RawAction>('actions');
      this.#actions = new Map(
        Object.values(raw).map((a) => [a.name.toLowerCase(), toActionInfo(this.prefix, a)]),
      );
    }
    return this.#actions;
  }

  get resourceTypes(): Map<string, ResourceTypeInfo> {
    if (!this.#resourceTypes) {
      const raw = this.#read<RawResourceType>('resourceTypes');
      this.#resourceTypes = new Map(
        Object.values(raw).map((r) => [r.key.toLowerCase(), toResourceTypeInfo(this.prefix, r)]),
      );
    }
    return this.#resourceTypes;
  }

  get conditionKeys(): ServiceConditionKeys {
    this.#conditionKeys ??= new ServiceConditionKeys(
      this.prefix,
      this.#read<RawConditionKey>('conditionKeys'),
      this.patterns(),
    );
    return this.#conditionKeys;
  }

  #read<T>(folder: string): RawServiceFile<T> {
    return readDataFile<RawServiceFile<T>>(this.dataDir, `${folder}/${this.prefix}.json`, {});
  }
}
