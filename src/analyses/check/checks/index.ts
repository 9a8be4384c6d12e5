import type { Check } from '../define-check.js';
import { allowNotAction } from './allow-not-action.js';
import { allowNotResource } from './allow-not-resource.js';
import { broadResourcePattern } from './broad-resource-pattern.js';
import { conditionTypeMismatch } from './condition-type-mismatch.js';
import { duplicateSid } from './duplicate-sid.js';
import { fullWildcard } from './full-wildcard.js';
import { invalidArn } from './invalid-arn.js';
import { invalidPolicy } from './invalid-policy.js';
import { missingVersion } from './missing-version.js';
import { privilegeEscalation } from './privilege-escalation.js';
import { redundantAction } from './redundant-action.js';
import { resourceTypeMismatch } from './resource-type-mismatch.js';
import { resourceWildcard } from './resource-wildcard.js';
import { serviceWildcard } from './service-wildcard.js';
import { unknownAction } from './unknown-action.js';
import { unknownConditionKey } from './unknown-condition-key.js';
import { unknownConditionOperator } from './unknown-condition-operator.js';
import { unknownService } from './unknown-service.js';
import { wildcardOnlyAction } from './wildcard-only-action.js';

/** The registry: every check, in the order findings of one statement are listed. */
export const CHECKS: readonly Check[] = [
  invalidPolicy,
  unknownService,
  unknownAction,
  invalidArn,
  unknownConditionOperator,
  unknownConditionKey,
  conditionTypeMismatch,
  resourceTypeMismatch,
  wildcardOnlyAction,
  fullWildcard,
  serviceWildcard,
  resourceWildcard,
  broadResourcePattern,
  privilegeEscalation,
  allowNotAction,
  allowNotResource,
  duplicateSid,
  missingVersion,
  redundantAction,
];
