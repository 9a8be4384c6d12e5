/**
 * The few expressions where Athena's engine (Trino) and DuckDB, which the tests run the same query
 * on, spell things differently. Everything else in the query is written once.
 */

export interface SqlDialect {
  readonly name: 'athena' | 'duckdb';
  /**
   * JSON text of the object in `json` (a JSON string column) keeping the entries whose lower-cased
   * key is in `keys` or whose value is an ARN string or an array holding one; NULL when `json` is
   * NULL or not an object.
   */
  projectObject(json: string, keys: readonly string[]): string;
  /** JSON text `[[type, arn], ...]` of the `resources` array column; NULL when it is NULL. */
  resourcesJson(resources: string): string;
}

/** A SQL string literal. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** An ARN string, or an array with one, as JSON text (`"arn:…"` or `[…"arn:…]`). */
const ARN_VALUE = String.raw`^"arn:|^\[.*"arn:`;

function keyTest(key: string, keys: readonly string[]): string {
  return keys.length === 0 ? 'false' : `lower(${key}) IN (${keys.map(literal).join(', ')})`;
}

/** Amazon Athena engine version 3 (Trino functions: json_parse, map_filter, json_format). */
export const ATHENA: SqlDialect = {
  name: 'athena',
  projectObject: (json, keys) =>
    `json_format(CAST(map_filter(TRY_CAST(TRY(json_parse(${json})) AS map(varchar, json)), (k, v) -> ${keyTest('k', keys)} OR regexp_like(json_format(v), ${literal(ARN_VALUE)})) AS json))`,
  resourcesJson: (resources) =>
    `json_format(CAST(transform(${resources}, r -> ARRAY[r.type, r.arn]) AS json))`,
};

/**
 * DuckDB, for the tests. `sd_project` is a macro (DUCKDB_MACROS) because DuckDB has no map_filter
 * over JSON: it rebuilds the object from its kept keys.
 */
export const DUCKDB: SqlDialect = {
  name: 'duckdb',
  projectObject: (json, keys) => `sd_project(${json}, [${keys.map(literal).join(', ')}]::VARCHAR[])`,
  resourcesJson: (resources) =>
    `CAST(to_json(list_transform(${resources}, r -> [r.type, r.arn])) AS VARCHAR)`,
};

/** Run once per DuckDB connection before queries written for `DUCKDB`. */
export const DUCKDB_MACROS = `
CREATE OR REPLACE MACRO sd_project(j, keys) AS
  CASE WHEN j IS NULL OR json_type(CAST(j AS JSON)) <> 'OBJECT' THEN NULL
  ELSE CAST(to_json(map_from_entries([
    {'k': k, 'v': json_extract(CAST(j AS JSON), '$."' || k || '"')}
    FOR k IN json_keys(CAST(j AS JSON))
    IF list_contains(keys, lower(k))
      OR regexp_matches(CAST(json_extract(CAST(j AS JSON), '$."' || k || '"') AS VARCHAR), ${literal(ARN_VALUE)})
  ])) AS VARCHAR) END;
`;
