/**
 * The CloudTrail table scopedown creates when asked: the columns of the table the Athena UG
 * documents ("Create the table for CloudTrail logs in Athena using partition projection"), and
 * partition projection over account, Region and delivery day, so that the usage query reads only
 * the folders of its accounts and window (`AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`).
 */
import { literal } from './dialect.js';

/** Regions whose folders the table projects by default (the commercial partition, late 2026). */
export const DEFAULT_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

/** The partition columns of the created table. */
export const PARTITIONS = { account: 'account', region: 'region', day: 'timestamp' } as const;

/** `yyyy/MM/dd`, the form of the day partition (and of the trail's folders). */
export function dayPartition(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll('-', '/');
}

export interface CreateTableOptions {
  /** `database.table`. */
  table: string;
  /** `s3://bucket/[prefix/]AWSLogs/[o-ORG/]`: the folder that holds the account folders. */
  location: string;
  accounts: readonly string[];
  regions: readonly string[];
}

/** The folder that holds the account folders: the URL itself when it names `AWSLogs/` (or an org under it), else `URL/AWSLogs/`. */
export function trailLocation(url: string): string {
  const base = url.endsWith('/') ? url : `${url}/`;
  return /\/AWSLogs\/(o-[a-z0-9]+\/)?$/.test(base) ? base : `${base}AWSLogs/`;
}

/** A Hive identifier (DDL runs in Hive syntax: backquotes). */
function hiveName(table: string): string {
  return table
    .split('.')
    .map((part) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) throw new Error(`not a plain table name: ${table}`);
      return `\`${part.toLowerCase()}\``;
    })
    .join('.');
}

const IDENTITY = `STRUCT<
    type: STRING, principalid: STRING, arn: STRING, accountid: STRING, invokedby: STRING,
    accesskeyid: STRING, username: STRING,
    onbehalfof: STRUCT<userid: STRING, identitystorearn: STRING>,
    sessioncontext: STRUCT<
      attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>,
      sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>,
      ec2roledelivery: STRING,
      webidfederationdata: STRUCT<federatedprovider: STRING, attributes: map<string,string>>>>`;

export function createTableDdl(o: CreateTableOptions): string {
  if (o.accounts.length === 0) throw new Error('the table needs at least one account to project');
  if (o.regions.length === 0) throw new Error('the table needs at least one Region to project');
  for (const a of o.accounts) if (!/^\d{12}$/.test(a)) throw new Error(`not an account ID: ${a}`);
  for (const r of o.regions) if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(r)) throw new Error(`not a Region: ${r}`);
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\//.test(o.location) || o.location.includes("'"))
    throw new Error(`not an s3:// folder: ${o.location}`);
  const { account, region, day } = PARTITIONS;
  const props: Array<[string, string]> = [
    ['projection.enabled', 'true'],
    [`projection.${account}.type`, 'enum'],
    [`projection.${account}.values`, [...o.accounts].sort().join(',')],
    [`projection.${region}.type`, 'enum'],
    [`projection.${region}.values`, [...o.regions].sort().join(',')],
    [`projection.${day}.type`, 'date'],
    [`projection.${day}.format`, 'yyyy/MM/dd'],
    // From CloudTrail's launch: only the days a query's WHERE names are projected.
    [`projection.${day}.range`, '2013/11/01,NOW'],
    [`projection.${day}.interval`, '1'],
    [`projection.${day}.interval.unit`, 'DAYS'],
    ['storage.location.template', `${o.location}\${${account}}/CloudTrail/\${${region}}/\${${day}}`],
  ];
  return `CREATE EXTERNAL TABLE IF NOT EXISTS ${hiveName(o.table)} (
  eventversion STRING,
  useridentity ${IDENTITY},
  eventtime STRING,
  eventsource STRING,
  eventname STRING,
  awsregion STRING,
  sourceipaddress STRING,
  useragent STRING,
  errorcode STRING,
  errormessage STRING,
  requestparameters STRING,
  responseelements STRING,
  additionaleventdata STRING,
  requestid STRING,
  eventid STRING,
  readonly STRING,
  resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>,
  eventtype STRING,
  apiversion STRING,
  recipientaccountid STRING,
  serviceeventdetails STRING,
  sharedeventid STRING,
  vpcendpointid STRING,
  vpcendpointaccountid STRING,
  eventcategory STRING,
  addendum STRUCT<reason: STRING, updatedfields: STRING, originalrequestid: STRING, originaleventid: STRING>,
  sessioncredentialfromconsole STRING,
  edgedevicedetails STRING,
  tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>
)
PARTITIONED BY (\`${account}\` STRING, \`${region}\` STRING, \`${day}\` STRING)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION ${literal(o.location)}
TBLPROPERTIES (
${props.map(([k, v]) => `  ${literal(k)} = ${literal(v)}`).join(',\n')}
)`;
}
