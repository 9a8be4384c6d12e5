/**
 * Matching resources against the ARN formats of the service reference
 * (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`). A placeholder stands for at least one
 * character. It cannot contain the literal character that follows it in the format (a bucket name
 * has no `/` before its key, a log-group name in a log-stream ARN no `:`), nor a colon in the first
 * five segments. Most names may hold `/` (role paths, log groups, secrets, parameters, ECR
 * repositories), so `/` is excluded only for the names below, whose AWS naming rules forbid it.
 * `${Region}` and `${Account}` may be empty: AWS-owned resources such as public SSM parameters
 * (`arn:aws:ssm:us-east-1::parameter/aws/service/...`) and SSM documents have no account.
 */
import { type Token, tokensIntersect, tokensToRegexSource } from './arn-pattern.js';

/** Placeholders whose values never contain `/` (bucket, table, queue, function, topic, key id naming rules). */
const NO_SLASH = new Set([
  'BucketName',
  'TableName',
  'IndexName',
  'QueueName',
  'FunctionName',
  'TopicName',
  'KeyId',
  'StreamName',
  'ClusterName',
  'AccessPointName',
]);

const formatCache = new Map<string, Token[]>();

/** The tokens of a resource-type ARN format (cached: formats repeat across actions). */
export function formatTokens(format: string): Token[] {
  let tokens = formatCache.get(format);
  if (!tokens) {
    tokens = tokenizeFormat(format);
    formatCache.set(format, tokens);
  }
  return tokens;
}

function tokenizeFormat(format: string): Token[] {
  const tokens: Token[] = [];
  let segment = 0;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '$' && format[i + 1] === '{') {
      const end = format.indexOf('}', i);
      if (end > 0) {
        const next = format[end + 1];
        const nextIsLiteral = next !== undefined && !(next === '$' && format[end + 2] === '{');
        const name = format.slice(i + 2, end);
        let excl = segment < 5 ? ':' : '';
        if (segment === 5 && nextIsLiteral) excl += next;
        if (segment === 5 && NO_SLASH.has(name) && !excl.includes('/')) excl += '/';
        if (name !== 'Region' && name !== 'Account') tokens.push({ kind: 'one', excl });
        tokens.push({ kind: 'star', excl });
        i = end;
        continue;
      }
    }
    if (ch === ':' && segment < 5) segment++;
    tokens.push({ kind: 'lit', ch });
  }
  return tokens;
}

const intersectCache = new Map<string, Map<string, boolean>>();

/**
 * True when some ARN of the resource type could be matched by the policy resource pattern,
 * i.e. the pattern is not useless for an action on that type.
 */
export function patternMayMatchFormat(
  pattern: string,
  patternTokens: readonly Token[],
  format: string,
): boolean {
  if (pattern === '*') return true;
  let byFormat = intersectCache.get(pattern);
  if (!byFormat) {
    if (intersectCache.size > 50_000) intersectCache.clear();
    byFormat = new Map();
    intersectCache.set(pattern, byFormat);
  }
  let answer = byFormat.get(format);
  if (answer === undefined) {
    answer = tokensIntersect(patternTokens, formatTokens(format));
    byFormat.set(format, answer);
  }
  return answer;
}

const regexCache = new Map<string, RegExp>();

/** True when a concrete ARN is of the resource type described by the format. */
export function arnMatchesFormat(arn: string, format: string): boolean {
  let re = regexCache.get(format);
  if (!re) {
    re = new RegExp(tokensToRegexSource(formatTokens(format)));
    regexCache.set(format, re);
  }
  return re.test(arn);
}
