/**
 * Parsers for the typed condition operators. Each returns NaN / undefined for text the operator
 * cannot compare; the same functions read policy values (where that is an error) and request
 * values (where it is a non-match).
 */
import { Buffer } from 'node:buffer';

const NUMBER = /^-?\d+(\.\d+)?$/;

/** "integer or decimal value" (IAM UG, "Condition operators": Numeric). No exponents, no spaces. */
export function parseNumber(text: string): number {
  return NUMBER.test(text) ? Number(text) : Number.NaN;
}

// W3C profile of ISO 8601 (https://www.w3.org/TR/NOTE-datetime), which the IAM UG names for Date
// operators: YYYY, YYYY-MM, YYYY-MM-DD, then THH:MM[:SS[.s]] and a zone. A missing zone reads as
// UTC and a space may stand for the T, as the CONDITION_TYPE_MISMATCH check accepts them.
const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;
const EPOCH = /^-?\d+(\.\d+)?$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Milliseconds since the epoch, or NaN. "You must specify date/time values with one of the W3C
 * implementations of the ISO 8601 date formats or in epoch (UNIX) time" (IAM UG, "Condition
 * operators": Date). Digits alone are epoch seconds, except four digits, which W3C reads as a year.
 */
export function parseDate(text: string): number {
  if (text.length !== 4 && EPOCH.test(text)) return Number(text) * 1000;
  const m = ISO.exec(text);
  if (!m) return Number.NaN;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return Number.NaN;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const fraction = m[7] === undefined ? 0 : Number(m[7]) * 1000;
  const minutes = (daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes;
  return (minutes * 60 + second) * 1000 + fraction;
}

/** "true" / "false" in any case (IAM UG, "Condition operators": Boolean), else undefined. */
export function parseBool(text: string): boolean | undefined {
  if (text.length === 4 && text.toLowerCase() === 'true') return true;
  if (text.length === 5 && text.toLowerCase() === 'false') return false;
  return undefined;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of padded standard base64 (IAM UG, "Condition operators": Binary), else undefined. */
export function parseBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}
