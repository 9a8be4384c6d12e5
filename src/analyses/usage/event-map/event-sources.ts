/**
 * eventSource → IAM service prefix. By default the prefix is the first label of the eventSource
 * (`s3.amazonaws.com` → `s3`); these sources differ (aws-facts §2.1, from iam-dataset's
 * `cloudtrail_service_mappings` and trailscraper's `_source_to_iam_prefix`).
 */

/** eventSource without `.amazonaws.com` → IAM prefix. */
export const EVENT_SOURCE_PREFIXES: Readonly<Record<string, string>> = {
  monitoring: 'cloudwatch',
  tagging: 'tag',
  amazonmq: 'mq',
  migrationhub: 'mgh',
  pinpoint: 'mobiletargeting',
  pricelist: 'pricing',
  rdsdata: 'rds-data',
  opensearchservice: 'es',
  es: 'es',
  cloudcontrolapi: 'cloudformation',
  qconnect: 'wisdom',
  'application-insights': 'applicationinsights',
  'servicecatalog-appregistry': 'servicecatalog',
  billingconsole: 'billing',
  taxconsole: 'tax',
  transcribestreaming: 'transcribe',
  'contact-lens': 'connect',
  'participant-connect': 'connect',
  'agreement-marketplace': 'aws-marketplace',
  'discovery-marketplace': 'aws-marketplace',
  'reporting-marketplace': 'aws-marketplace',
  marketplacecatalog: 'aws-marketplace',
  'management-marketplace': 'aws-marketplace-management',
  'streams.dynamodb': 'dynamodb',
  appstream2: 'appstream',
  'models.lex': 'lex',
  'runtime.lex': 'lex',
  'mturk-requester': 'mechanicalturk',
};

/** Sources named `chime-sdk-<part>` (chime-sdk-meetings, chime-sdk-voice, ...) are all `chime`. */
const PREFIX_FAMILIES: readonly (readonly [string, string])[] = [['chime-sdk-', 'chime']];

const SUFFIXES = ['.amazonaws.com', '.amazonaws.com.cn'] as const;

const cache = new Map<string, string>();

/** The IAM service prefix of an eventSource (not checked against the catalogue). */
export function iamPrefix(eventSource: string): string {
  let prefix = cache.get(eventSource);
  if (prefix === undefined) {
    prefix = computePrefix(eventSource);
    if (cache.size > 10_000) cache.clear();
    cache.set(eventSource, prefix);
  }
  return prefix;
}

function computePrefix(eventSource: string): string {
  let host = eventSource.toLowerCase();
  for (const suffix of SUFFIXES) {
    if (host.endsWith(suffix)) {
      host = host.slice(0, -suffix.length);
      break;
    }
  }
  const exception = Object.hasOwn(EVENT_SOURCE_PREFIXES, host) ? EVENT_SOURCE_PREFIXES[host] : undefined;
  if (exception) return exception;
  for (const [start, prefix] of PREFIX_FAMILIES) if (host.startsWith(start)) return prefix;
  const dot = host.indexOf('.');
  return dot < 0 ? host : host.slice(0, dot);
}
