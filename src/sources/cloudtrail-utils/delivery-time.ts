/**
 * When CloudTrail delivered a file, as far as its name or folder tells (aws-facts §1.1): the name's
 * `YYYYMMDDTHHmmZ` is the delivery minute, the `YYYY/MM/DD` folders the delivery day (UTC). A file
 * delivered at T holds records written before T, usually within minutes; so a window [since, until]
 * needs the files delivered from `since` to `until` plus the delivery lag.
 */

/** Read files delivered up to this long after the window's end (trailscraper reads `until + 1h` too). */
export const DELIVERY_LAG_MS = 60 * 60 * 1000;

/** Milliseconds since the epoch, half-open: delivered at or after `from` and before `to`. */
export interface DeliveryRange {
  from: number;
  to: number;
}

/** Window bounds in epoch milliseconds; either may be absent. */
export interface FileWindow {
  since?: number;
  until?: number;
}

const NAME_TIME = /_CloudTrail_[A-Za-z0-9-]+_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_/;
const DAY_FOLDERS = /(?:^|[\\/])(\d{4})[\\/](\d{2})[\\/](\d{2})[\\/][^\\/]+$/;
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

function utc(y: string, mo: string, d: string, h = '0', mi = '0'): number | undefined {
  const [Y, M, D, H, I] = [Number(y), Number(mo), Number(d), Number(h), Number(mi)];
  if (M < 1 || M > 12 || D < 1 || D > 31 || H > 23 || I > 59) return undefined;
  const t = Date.UTC(Y, M - 1, D, H, I);
  // Reject 2025/02/31 and the like instead of letting Date roll them over.
  return new Date(t).getUTCDate() === D ? t : undefined;
}

/** The delivery time a file's name (to the minute) or its `YYYY/MM/DD` folders (to the day) tell. */
export function deliveryRange(path: string): DeliveryRange | undefined {
  const name = NAME_TIME.exec(path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1));
  if (name) {
    const t = utc(name[1]!, name[2]!, name[3]!, name[4]!, name[5]!);
    if (t !== undefined) return { from: t, to: t + MINUTE };
  }
  const day = DAY_FOLDERS.exec(path);
  if (day) {
    const t = utc(day[1]!, day[2]!, day[3]!);
    if (t !== undefined) return { from: t, to: t + DAY };
  }
  return undefined;
}

/**
 * The delivery time a folder stands for, when it is the `DD` of `YYYY/MM/DD` or the `MM` of
 * `YYYY/MM` (years 1990 to 2099, so that other numbered folders are not mistaken for dates).
 */
export function folderRange(path: string): DeliveryRange | undefined {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  const [a, b, c] = parts.slice(-3);
  const isYear = (s: string | undefined) => s !== undefined && /^(19[9]\d|20\d\d)$/.test(s);
  const isTwo = (s: string | undefined) => s !== undefined && /^\d{2}$/.test(s);
  if (isYear(a) && isTwo(b) && isTwo(c)) {
    const t = utc(a!, b!, c!);
    return t === undefined ? undefined : { from: t, to: t + DAY };
  }
  if (isYear(b) && isTwo(c)) {
    const t = utc(b!, c!, '01');
    if (t === undefined) return undefined;
    const next = new Date(t);
    next.setUTCMonth(next.getUTCMonth() + 1);
    return { from: t, to: next.getTime() };
  }
  return undefined;
}

/** False when a file delivered in `range` cannot hold records of the window. */
export function mayHoldWindow(range: DeliveryRange | undefined, window: FileWindow): boolean {
  if (!range) return true;
  if (window.since !== undefined && range.to <= window.since) return false;
  if (window.until !== undefined && range.from > window.until + DELIVERY_LAG_MS) return false;
  return true;
}
