/**
 * A CloudTrail record, as far as scopedown reads it (CloudTrail UG, "CloudTrail record contents";
 * aws-facts §1.2). Parameters keep their JSON shape: each service's mapping reads its own.
 */
export interface CloudTrailIdentity {
  type?: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  invokedBy?: string;
  sessionContext?: {
    sessionIssuer?: {
      type?: string;
      principalId?: string;
      arn?: string;
      accountId?: string;
      userName?: string;
    };
    attributes?: { creationDate?: string; mfaAuthenticated?: string };
  };
}

export interface CloudTrailResource {
  ARN?: string;
  ARNPrefix?: string;
  type?: string;
  accountId?: string;
}

export interface CloudTrailRecord {
  eventVersion?: string;
  eventID?: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion?: string;
  eventType?: string;
  eventCategory?: string;
  managementEvent?: boolean;
  readOnly?: boolean;
  errorCode?: string;
  errorMessage?: string;
  recipientAccountId?: string;
  userIdentity?: CloudTrailIdentity;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown> | null;
  resources?: CloudTrailResource[];
}

/** A permission a request needed: the action, and what a statement must name to allow it. */
export interface RequiredPermission {
  action: string;
  /** The exact ARN where the record reveals it, else the narrowest pattern it supports; `*` for actions without a resource type. */
  resource: string;
}

/** What one record tells about the permissions its caller needed. */
export type EventMapping =
  | { kind: 'mapped'; permissions: RequiredPermission[] }
  /** Calls that need no permission (sts:GetCallerIdentity). */
  | { kind: 'none' }
  | { kind: 'unmapped'; reason: string };

/** One permission as `scopedown usage` reports it (contract: permissions[]). */
export interface PermissionUsage {
  action: string;
  resource: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** Requests for it that were denied (AccessDenied and the like). */
  denied: number;
}
