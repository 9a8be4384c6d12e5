/** A CloudTrail log file's body, `{"Records": [...]}`, from text to records: pure. */
import type { CloudTrailRecord } from '../../model/cloudtrail.js';
import type { InputError } from '../../model/errors.js';
import { fail, ok, type Result } from '../../model/result.js';
import { fileError } from '../text-file.read.js';

/**
 * The records of one log file. Each element is returned as it is: the usage analysis checks the
 * fields it reads and counts records it cannot use, so one odd record never loses a file.
 */
export function parseTrailRecords(text: string, file: string): Result<CloudTrailRecord[], InputError> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    const detail = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');
    return fail(fileError(file, 'INVALID_JSON', `not JSON: ${detail}`));
  }
  const records =
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? (body as { Records?: unknown }).Records
      : undefined;
  if (!Array.isArray(records)) {
    return fail(fileError(file, 'NOT_CLOUDTRAIL', 'not a CloudTrail log file: expected {"Records": [...]}'));
  }
  return ok(records as CloudTrailRecord[]);
}
