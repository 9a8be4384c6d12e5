import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { collectTasks, readTaskAttribution, taskId } from './ecs-tasks.read.js';

const FIXTURES = 'test/fixtures/ecs-tasks';
const TD3 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/my-app-task:3';
const TD4 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/my-app-task:4';

describe('taskId', () => {
  it.each([
    [
      'arn:aws:ecs:us-east-1:123456789012:task/my-cluster/5f1c0e2d9b8a4c7d8e6f5a4b3c2d1e0f',
      '5f1c0e2d9b8a4c7d8e6f5a4b3c2d1e0f',
    ],
    // The old ARN format, without the cluster.
    [
      'arn:aws:ecs:us-east-1:123456789012:task/0b69d5c0-d655-4695-98cd-5d2d526d9d5a',
      '0b69d5c0-d655-4695-98cd-5d2d526d9d5a',
    ],
    ['arn:aws-cn:ecs:cn-north-1:123456789012:task/c/abc', 'abc'],
    ['arn:aws:ecs:us-east-1:123456789012:task-definition/app:3', undefined],
    ['5f1c0e2d9b8a4c7d8e6f5a4b3c2d1e0f', undefined],
  ])('%s', (arn, id) => expect(taskId(arn)).toBe(id));
});

describe('collectTasks', () => {
  it('finds tasks at any depth: a CloudTrail RunTask record', () => {
    const tasks: Record<string, string> = {};
    const runTask = {
      Records: [
        {
          eventSource: 'ecs.amazonaws.com',
          eventName: 'RunTask',
          responseElements: {
            tasks: [
              {
                taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/batch/1111aaaa2222bbbb3333cccc4444dddd',
                taskDefinitionArn: TD3,
                containers: [
                  {
                    taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/batch/1111aaaa2222bbbb3333cccc4444dddd',
                  },
                ],
              },
            ],
            failures: [],
          },
        },
      ],
    };
    expect(collectTasks(runTask, tasks)).toBe(1);
    expect(tasks).toEqual({ '1111aaaa2222bbbb3333cccc4444dddd': TD3 });
  });

  it('ignores pairs that are not a task and a task definition revision', () => {
    const tasks: Record<string, string> = {};
    expect(
      collectTasks(
        [
          { taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/c/x', taskDefinitionArn: 'my-app-task:3' },
          { taskArn: 'not-an-arn', taskDefinitionArn: TD3 },
        ],
        tasks,
      ),
    ).toBe(0);
  });
});

describe('readTaskAttribution', () => {
  it('reads describe-tasks output and EventBridge task state changes', async () => {
    const r = await readTaskAttribution([
      join(FIXTURES, 'describe-tasks.json'),
      join(FIXTURES, 'task-state-change.json'),
    ]);
    expect(r.errors).toEqual([]);
    expect(r.tasks).toEqual({
      '5f1c0e2d9b8a4c7d8e6f5a4b3c2d1e0f': TD3,
      a20b735e9bbc41598825b6f0269f6fef: TD4,
    });
  });

  it('reads .json.gz; names a malformed file with its line, a file without tasks, a truncated gzip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scopedown-tasks-'));
    const gz = join(dir, 'tasks.json.gz');
    writeFileSync(
      gz,
      gzipSync(
        JSON.stringify({
          tasks: [{ taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/c/t9', taskDefinitionArn: TD4 }],
        }),
      ),
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "tasks": [\n    {"taskArn": }\n  ]\n}\n');
    const none = join(dir, 'policy.json');
    writeFileSync(none, '{"Version": "2012-10-17", "Statement": []}');
    const cut = join(dir, 'cut.json.gz');
    writeFileSync(cut, gzipSync(Buffer.alloc(4096, 'x')).subarray(0, 30));
    const r = await readTaskAttribution([gz, broken, none, cut]);
    expect(r.tasks).toEqual({ t9: TD4 });
    expect(r.errors.map((e) => [e.file, e.code, e.line])).toEqual([
      [broken, expect.any(String), 3],
      [none, 'NO_TASKS', 0],
      [cut, 'BAD_GZIP', 0],
    ]);
  });

  it('in a folder, files without tasks are expected; a folder without any is reported once', async () => {
    const r = await readTaskAttribution(['test/fixtures/cloudtrail/records']);
    expect(r.errors.map((e) => [e.file, e.code])).toEqual([['test/fixtures/cloudtrail/records', 'NO_TASKS']]);
  });
});
