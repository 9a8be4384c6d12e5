import type { Location } from '../../model/location.js';

/** Where a value read from an API came from: `aws:ecs:REGION:Operation`, pointer = the ARN. */
export function apiLocation(
  service: string,
  region: string | undefined,
  operation: string,
  arn: string,
): Location {
  const file = ['aws', service, region, operation].filter((p) => p !== undefined && p !== '').join(':');
  return { file, pointer: arn, line: 0, column: 0 };
}

/** `arn:PARTITION:SERVICE:REGION:ACCOUNT:...` → its region and account, when present. */
export function arnParts(arn: string | undefined): { region?: string; account?: string } {
  const parts = arn?.split(':') ?? [];
  if (parts.length < 6 || parts[0] !== 'arn') return {};
  const out: { region?: string; account?: string } = {};
  if (parts[3]) out.region = parts[3];
  if (parts[4]) out.account = parts[4];
  return out;
}
