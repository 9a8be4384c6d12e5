/**
 * Amazon ECR (aws-facts §4.2). A repository is `repositoryName` in the registry `registryId` (an
 * account ID; the caller's when absent): `arn:aws:ecr:REGION:REGISTRY:repository/NAME`.
 */
import { param, regionalArn, resourceArn } from './context.js';
import { one } from './permissions.js';
import type { EventContext, EventHandler, EventTable, ServiceMapping } from './types.js';

export function repositoryArn(ctx: EventContext): string | undefined {
  const name = param(ctx, 'repositoryName');
  if (name)
    return regionalArn(ctx, 'ecr', `repository/${name}`, ctx.region, param(ctx, 'registryId') ?? ctx.account);
  return resourceArn(ctx, (a) => a.includes(':ecr:') && a.includes(':repository/'));
}

function onRepository(action: string): EventHandler {
  return (ctx) => one(action, repositoryArn(ctx) ?? regionalArn(ctx, 'ecr', 'repository/*'));
}

export const ecrEvents: EventTable = {
  // SAR: ecr:GetAuthorizationToken has no resource type, so only "Resource": "*" grants it.
  GetAuthorizationToken: () => one('ecr:GetAuthorizationToken', '*'),
  // Image pull (AmazonECSTaskExecutionRolePolicy's set): on the repository.
  BatchGetImage: onRepository('ecr:BatchGetImage'),
  GetDownloadUrlForLayer: onRepository('ecr:GetDownloadUrlForLayer'),
  BatchCheckLayerAvailability: onRepository('ecr:BatchCheckLayerAvailability'),
  // Image push.
  InitiateLayerUpload: onRepository('ecr:InitiateLayerUpload'),
  UploadLayerPart: onRepository('ecr:UploadLayerPart'),
  CompleteLayerUpload: onRepository('ecr:CompleteLayerUpload'),
  PutImage: onRepository('ecr:PutImage'),
};

export const ecr: ServiceMapping = {
  eventSources: ['ecr.amazonaws.com'],
  events: ecrEvents,
  reads: ['repositoryname', 'registryid'],
  resource: (ctx, type) => (type === 'repository' ? repositoryArn(ctx) : undefined),
};
