export { parseAccountAuthorizationDetails } from './account-authorization.parse.js';
export { awsManagedPolicy, awsManagedPolicySnapshotSource } from './aws-managed-policies.js';
export {
  type CloudFormationOptions,
  parseCloudFormationTemplate,
  readCloudFormationTemplate,
} from './cloudformation.parse.js';
export {
  type AwsJsonKind,
  detectAwsJsonKind,
  type InventoryParseResult,
  parseEcsServices,
  parseTaskDefinitions,
} from './ecs-task-definition.parse.js';
export { parseIamRole } from './iam-role.parse.js';
export { type InventoryReadResult, readInventoryPaths } from './inventory.read.js';
export * from './json-located.parse.js';
export * from './policy.parse.js';
export * from './policy-file.read.js';
export { parseTerraformPlan, type TerraformPlanOptions } from './terraform-plan.parse.js';
export * from './test-cases.parse.js';
