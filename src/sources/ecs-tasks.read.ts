/**
 * Which task definition each ECS task ran, from whatever JSON names both: `aws ecs describe-tasks`
 * output, lists of tasks, EventBridge "ECS Task State Change" events, and CloudTrail records of
 * RunTask/StartTask (their `responseElements.tasks[]`), as `.json` or `.json.gz`. Any object with a
 * string `taskArn` and `taskDefinitionArn`, at any depth, counts. A task role's session name is the
 * task ID, the last part of the task ARN (`…:task/CLUSTER/ID`, or `…:task/ID` in the old format).
 */

import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { InputError } from '../model/errors.js';
import { parseJsonLocated } from './json-located.parse.js';
import { expandPaths, fileError, missingOrUnreadable } from './text-file.read.js';

const gunzipAsync = promisify(gunzip);

/** Task data files are small next to trails; more than this is not task data. */
const MAX_BYTES = 512 * 1024 * 1024;

const TASK_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task\/(?:[^/]+\/)?([A-Za-z0-9-]+)$/;
const TASK_DEFINITION_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]+:\d+$/;

export interface TaskAttribution {
  /** Task ID → task definition ARN (`…:task-definition/FAMILY:REVISION`). */
  tasks: Record<string, string>;
  errors: InputError[];
}

/** The task ID of a task ARN, or undefined when it is not one. */
export function taskId(taskArn: string): string | undefined {
  return TASK_ARN.exec(taskArn)?.[1];
}

/** Every (task ID, task definition ARN) pair in a parsed JSON value, depth first. */
export function collectTasks(value: unknown, into: Record<string, string>): number {
  let found = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const item of v) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    const { taskArn, taskDefinitionArn } = o;
    if (typeof taskArn === 'string' && typeof taskDefinitionArn === 'string') {
      const id = taskId(taskArn);
      if (id && TASK_DEFINITION_ARN.test(taskDefinitionArn)) {
        into[id] ??= taskDefinitionArn;
        found++;
      }
    }
    for (const child of Object.values(o)) if (child !== null && typeof child === 'object') stack.push(child);
  }
  return found;
}

async function readJson(file: string): Promise<{ value: unknown } | { error: InputError }> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.size > MAX_BYTES)
      return { error: fileError(file, 'FILE_TOO_LARGE', 'larger than 512 MiB: not task data') };
    bytes = await readFile(file);
  } catch (e) {
    return { error: missingOrUnreadable(file, e) };
  }
  if (file.endsWith('.gz')) {
    try {
      bytes = await gunzipAsync(bytes);
    } catch (e) {
      return {
        error: fileError(
          file,
          'BAD_GZIP',
          `not a complete gzip file (${e instanceof Error ? e.message : String(e)})`,
        ),
      };
    }
  }
  const text = bytes.toString('utf8');
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    // Parsed again only to say where it breaks.
    const located = parseJsonLocated(text, file);
    return { error: located.ok ? fileError(file, 'INVALID_JSON', 'not JSON') : located.errors[0]! };
  }
}

/**
 * Reads task data from files and folders (`.json`, `.json.gz`). A file named on its own that names
 * no task is reported; in a folder (a trail, say) such files are expected and skipped, unless none
 * of them names one.
 */
export async function readTaskAttribution(paths: readonly string[]): Promise<TaskAttribution> {
  const tasks: Record<string, string> = {};
  const errors: InputError[] = [];
  for (const path of paths) {
    const entries = await expandPaths([path], ['.json', '.gz']);
    const folder = !(entries.length === 1 && entries[0] === path);
    let found = 0;
    let files = 0;
    for (const entry of entries) {
      if (typeof entry !== 'string') {
        errors.push(entry);
        continue;
      }
      files++;
      const read = await readJson(entry);
      if ('error' in read) {
        errors.push(read.error);
        continue;
      }
      const n = collectTasks(read.value, tasks);
      found += n;
      if (n === 0 && !folder) errors.push(fileError(entry, 'NO_TASKS', NO_TASKS));
    }
    if (folder && files > 0 && found === 0) errors.push(fileError(path, 'NO_TASKS', NO_TASKS));
  }
  return { tasks, errors };
}

const NO_TASKS =
  'names no ECS task: expected describe-tasks output, task state change events or RunTask records (taskArn with taskDefinitionArn)';
