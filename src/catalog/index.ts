export { parseAccessLevels } from './convert.js';
export { DEPENDENT_ACTIONS, type DependentActionRule, dependentActionRules } from './dependent-actions.js';
export { createCatalog, loadCatalog } from './load.js';
export type {
  AccessLevel,
  ActionInfo,
  ActionResourceType,
  Catalog,
  ConditionKeyInfo,
  ConditionKeyType,
  ResourceTypeInfo,
} from './types.js';
