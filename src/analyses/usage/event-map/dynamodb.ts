/**
 * Amazon DynamoDB and DynamoDB Streams (aws-facts §1.4, §2.2; DynamoDB DG "Understanding DynamoDB
 * log file entries"). A table is `tableName` (a name, or an ARN since resource-based policies), its
 * ARN `arn:aws:dynamodb:REGION:ACCOUNT:table/NAME`: the exact ARN from `resources[]` when it names
 * that table, else composed in the caller's account and Region.
 */
import type { RequiredPermission } from '../../../model/cloudtrail.js';
import { field, fieldCI, isArn, list, param, regionalArn, resourceArn, str } from './context.js';
import { mapped, one, unmapped } from './permissions.js';
import type { EventContext, EventHandler, EventTable, ServiceMapping } from './types.js';

const isTableArn = (arn: string) => arn.includes(':dynamodb:') && arn.includes(':table/');

/** The ARN of a table, by name or ARN; without one, the table in `resources[]`. */
export function tableArn(ctx: EventContext, nameOrArn: string | undefined): string | undefined {
  if (nameOrArn) {
    if (isArn(nameOrArn)) return nameOrArn;
    const suffix = `:table/${nameOrArn}`;
    return resourceArn(ctx, (a) => a.endsWith(suffix)) ?? regionalArn(ctx, 'dynamodb', `table/${nameOrArn}`);
  }
  const fromRecord = resourceArn(ctx, isTableArn);
  return fromRecord?.includes('/stream/') ? fromRecord.slice(0, fromRecord.indexOf('/stream/')) : fromRecord;
}

function table(ctx: EventContext, nameOrArn: string | undefined): string {
  return tableArn(ctx, nameOrArn) ?? regionalArn(ctx, 'dynamodb', 'table/*');
}

/** `action` on `tableName`; with `indexName` (Query, Scan), on the index: `table/T/index/I` (SAR). */
function onTable(action: string, index = false): EventHandler {
  return (ctx) => {
    const t = table(ctx, param(ctx, 'tableName'));
    const indexName = index ? param(ctx, 'indexName') : undefined;
    return one(action, indexName ? `${t}/index/${indexName}` : t);
  };
}

/**
 * The tables of BatchGetItem/BatchWriteItem: `requestItems` is an object keyed by table name (the
 * API shape) or a list of entries each with a `tableName`.
 */
function batchTables(requestItems: unknown): string[] {
  if (Array.isArray(requestItems)) {
    return requestItems.flatMap((item) => str(fieldCI(item, 'tableName')) ?? []);
  }
  return requestItems && typeof requestItems === 'object' ? Object.keys(requestItems) : [];
}

/** SAR: BatchGetItem and BatchWriteItem need the same-named action on every table in the request. */
function batch(action: string): EventHandler {
  return (ctx) => {
    const tables = batchTables(fieldCI(ctx.params, 'requestItems'));
    if (tables.length === 0) return one(action, table(ctx, undefined));
    return mapped(tables.map((t) => ({ action, resource: table(ctx, t) })));
  };
}

/** Transaction item operation → action (DynamoDB DG "Using IAM with DynamoDB transactions"). */
const TRANSACT_ACTIONS: Readonly<Record<string, string>> = {
  put: 'dynamodb:PutItem',
  update: 'dynamodb:UpdateItem',
  delete: 'dynamodb:DeleteItem',
  conditioncheck: 'dynamodb:ConditionCheckItem',
  get: 'dynamodb:GetItem',
};

/**
 * The (operation, table) pairs of a transaction. CloudTrail logs `requestItems: [{operation: "Put",
 * tableName | TableName, ...}]` (DynamoDB DG log examples); the API shape is `transactItems:
 * [{Put: {TableName}}]`.
 */
function transactItems(ctx: EventContext): { op: string; table: string | undefined }[] {
  const out: { op: string; table: string | undefined }[] = [];
  for (const item of list(fieldCI(ctx.params, 'requestItems'))) {
    const op = str(fieldCI(item, 'operation'));
    if (op) out.push({ op: op.toLowerCase(), table: str(fieldCI(item, 'tableName')) });
  }
  for (const item of list(fieldCI(ctx.params, 'transactItems'))) {
    if (!item || typeof item !== 'object') continue;
    for (const [op, body] of Object.entries(item))
      out.push({ op: op.toLowerCase(), table: str(fieldCI(body, 'tableName')) });
  }
  return out;
}

function transact(allowed: readonly string[]): EventHandler {
  return (ctx) => {
    const perms: RequiredPermission[] = [];
    for (const { op, table: name } of transactItems(ctx)) {
      const action = allowed.includes(op) ? TRANSACT_ACTIONS[op] : undefined;
      if (action) perms.push({ action, resource: table(ctx, name) });
    }
    if (perms.length > 0) return mapped(perms);
    return unmapped(`${ctx.record.eventName} without transaction items in requestParameters`);
  };
}

// PartiQL: the statement verb decides the action (iam-dataset; DynamoDB DG "IAM policies with PartiQL").
const PARTIQL_VERB = /^\s*(?:EXISTS\s*\(\s*)?(SELECT|INSERT|UPDATE|DELETE)\b/i;
const NAME = `("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)`;
const PARTIQL_FROM = new RegExp(String.raw`\bFROM\s+${NAME}(?:\s*\.\s*${NAME})?`, 'i');
const PARTIQL_INTO = new RegExp(String.raw`^\s*INSERT\s+INTO\s+${NAME}`, 'i');
const PARTIQL_UPDATE = new RegExp(String.raw`^\s*UPDATE\s+${NAME}`, 'i');

const PARTIQL_ACTIONS: Readonly<Record<string, string>> = {
  SELECT: 'dynamodb:PartiQLSelect',
  INSERT: 'dynamodb:PartiQLInsert',
  UPDATE: 'dynamodb:PartiQLUpdate',
  DELETE: 'dynamodb:PartiQLDelete',
};

const unquote = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name);

/** The permission one PartiQL statement needs, or undefined when it is not one of the four verbs. */
export function partiqlPermission(ctx: EventContext, statement: string): RequiredPermission | undefined {
  const verb = PARTIQL_VERB.exec(statement)?.[1]?.toUpperCase();
  if (!verb) return undefined;
  const action = PARTIQL_ACTIONS[verb]!;
  const target =
    verb === 'INSERT'
      ? PARTIQL_INTO.exec(statement)
      : verb === 'UPDATE'
        ? PARTIQL_UPDATE.exec(statement)
        : PARTIQL_FROM.exec(statement);
  const tableName = target?.[1] ? unquote(target[1]) : undefined;
  const t = table(ctx, tableName);
  // Only SELECT can read an index: `SELECT ... FROM "Table"."Index"`.
  const index = verb === 'SELECT' && target?.[2] ? unquote(target[2]) : undefined;
  return { action, resource: index ? `${t}/index/${index}` : t };
}

function partiql(ctx: EventContext, statements: readonly unknown[]): ReturnType<EventHandler> {
  const perms: RequiredPermission[] = [];
  for (const s of statements) {
    const text = typeof s === 'string' ? s : str(fieldCI(s, 'statement'));
    const p = text ? partiqlPermission(ctx, text) : undefined;
    if (p) perms.push(p);
  }
  if (perms.length > 0) return mapped(perms);
  return unmapped(
    `${ctx.record.eventName}: no PartiQL SELECT/INSERT/UPDATE/DELETE statement in requestParameters`,
  );
}

/** A stream ARN: `streamArn`, else the ARN a shard iterator starts with (`arn:...:table/T/stream/LABEL|...`). */
function streamArn(ctx: EventContext): string | undefined {
  const arn = param(ctx, 'streamArn');
  if (arn) return arn;
  const iterator = param(ctx, 'shardIterator');
  if (iterator && isArn(iterator)) {
    const bar = iterator.indexOf('|');
    if (bar > 0) return iterator.slice(0, bar);
  }
  return resourceArn(ctx, (a) => a.includes(':dynamodb:') && a.includes('/stream/'));
}

function onStream(action: string): EventHandler {
  return (ctx) => {
    const exact = streamArn(ctx);
    if (exact) return one(action, exact);
    const t = tableArn(ctx, undefined);
    return one(action, `${t ?? regionalArn(ctx, 'dynamodb', 'table/*')}/stream/*`);
  };
}

export const dynamodbEvents: EventTable = {
  GetItem: onTable('dynamodb:GetItem'),
  PutItem: onTable('dynamodb:PutItem'),
  UpdateItem: onTable('dynamodb:UpdateItem'),
  DeleteItem: onTable('dynamodb:DeleteItem'),
  // SAR: Query and Scan on an index are authorized against table/NAME/index/INDEX.
  Query: onTable('dynamodb:Query', true),
  Scan: onTable('dynamodb:Scan', true),
  BatchGetItem: batch('dynamodb:BatchGetItem'),
  BatchWriteItem: batch('dynamodb:BatchWriteItem'),
  // DynamoDB DG transaction-apis-iam: each item needs its own action (PutItem, UpdateItem, DeleteItem,
  // ConditionCheckItem) on its table; TransactGetItems needs GetItem on each table.
  TransactWriteItems: transact(['put', 'update', 'delete', 'conditioncheck']),
  TransactGetItems: transact(['get']),
  ExecuteStatement: (ctx) => partiql(ctx, [ctx.params.statement]),
  // Logged as requestItems: [{statement}] (DynamoDB DG log examples); API shape `statements`.
  BatchExecuteStatement: (ctx) =>
    partiql(ctx, [...list(fieldCI(ctx.params, 'requestItems')), ...list(fieldCI(ctx.params, 'statements'))]),
  ExecuteTransaction: (ctx) =>
    partiql(ctx, [
      ...list(fieldCI(ctx.params, 'requestItems')),
      ...list(fieldCI(ctx.params, 'transactStatements')),
    ]),
  // DynamoDB Streams: GetRecords carries only the shard iterator, which starts with the stream ARN.
  GetRecords: onStream('dynamodb:GetRecords'),
  GetShardIterator: onStream('dynamodb:GetShardIterator'),
  DescribeStream: onStream('dynamodb:DescribeStream'),
};

function resolveDynamodb(ctx: EventContext, type: string): string | undefined {
  if (type === 'table')
    return tableArn(ctx, param(ctx, 'tableName') ?? str(field(ctx.params, 'resourceArn')));
  if (type === 'stream') return streamArn(ctx);
  return undefined;
}

export const dynamodb: ServiceMapping = {
  eventSources: ['dynamodb.amazonaws.com', 'streams.dynamodb.amazonaws.com'],
  events: dynamodbEvents,
  reads: [
    'tablename',
    'indexname',
    'requestitems',
    'transactitems',
    'statement',
    'statements',
    'transactstatements',
    'streamarn',
    'sharditerator',
    'resourcearn',
  ],
  resource: resolveDynamodb,
};
