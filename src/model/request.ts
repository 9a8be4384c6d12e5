/** Who makes a request. Field names follow the contract's CASE `principal`. */
export interface Principal {
  /** `AssumedRole`, `Role`, `User`, `FederatedUser`, `Root` (the account), `Service` or `Anonymous`. */
  type: 'AssumedRole' | 'Role' | 'User' | 'FederatedUser' | 'Root' | 'Service' | 'Anonymous';
  /** The caller's ARN: for an assumed role, the session `arn:aws:sts::A:assumed-role/R/S`; for a service, its name. */
  arn: string;
  /** For an assumed role: the role's ARN, path included (aws:PrincipalArn). */
  roleArn?: string;
  account?: string;
  /** aws:userid, e.g. `AROAEXAMPLEID:session`, when known. */
  userid?: string;
  /** Principal tags (aws:PrincipalTag/k). */
  tags?: Record<string, string>;
}

/** A request context value: single-valued keys are strings, multivalued keys arrays. */
export type ContextValue = string | string[];

export interface AuthorizationRequest {
  principal: Principal;
  /** `service:Action`, any case. */
  action: string;
  /** The resource ARN, or `*` for actions without a resource type. */
  resource: string;
  /** The account owning the resource; defaults to the ARN's account, else the principal's. */
  resourceAccount?: string;
  /** The request context as given; keys not listed are absent (keys the principal implies are added). */
  context: Record<string, ContextValue>;
}
