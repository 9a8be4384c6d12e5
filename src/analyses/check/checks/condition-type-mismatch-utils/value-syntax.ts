import { isIP } from 'node:net';
import type { ConditionValue } from '../../../../model/index.js';
import type { OperatorFamily } from '../../../evaluate/match/condition-operator.js';

function isCidrOrIp(text: string): boolean {
  const [ip, bits, extra] = text.split('/');
  if (extra !== undefined || !ip) return false;
  const v = isIP(ip);
  if (v === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (v === 4 ? 32 : 128);
}

/** ISO 8601 dates and times as AWS accepts them, or epoch seconds. */
function isDate(text: string): boolean {
  if (/^\d+$/.test(text)) return true;
  return (
    /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) &&
    !Number.isNaN(Date.parse(text))
  );
}

/**
 * Why a condition value cannot be compared by an operator of the family, or null when it can.
 * Values holding policy variables are judged at evaluation time, not here.
 */
export function valueProblem(family: OperatorFamily, value: ConditionValue): string | null {
  const text = String(value);
  if (typeof value === 'string' && value.includes('${')) return null;
  switch (family) {
    case 'Numeric':
      return /^-?\d+(\.\d+)?$/.test(text) ? null : 'is not a number';
    case 'Date':
      return isDate(text) ? null : 'is not a date (ISO 8601, e.g. 2026-01-31T00:00:00Z, or epoch seconds)';
    case 'Bool':
    case 'Null':
      return /^(true|false)$/i.test(text) ? null : 'is not "true" or "false"';
    case 'IpAddress':
      return isCidrOrIp(text) ? null : 'is not an IP address or CIDR block (e.g. 203.0.113.0/24)';
    case 'Binary':
      return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0 ? null : 'is not base64';
    case 'Arn':
      return text === '*' || text.startsWith('arn:') ? null : 'is not an ARN';
    case 'String':
      return null;
  }
}

/** The operator family a typed condition key is compared with, for the types that need one. */
export function familyForKeyType(type: string): OperatorFamily | null {
  const base = type.replace(/^ArrayOf/, '');
  switch (base) {
    case 'Numeric':
      return 'Numeric';
    case 'Date':
      return 'Date';
    case 'Bool':
      return 'Bool';
    case 'IPAddress':
      return 'IpAddress';
    case 'Binary':
      return 'Binary';
    default:
      return null;
  }
}
