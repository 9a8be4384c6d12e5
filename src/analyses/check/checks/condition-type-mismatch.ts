import { parseOperator } from '../../evaluate/match/condition-operator.js';
import { defineCheck } from '../define-check.js';
import { familyForKeyType, valueProblem } from './condition-type-mismatch-utils/value-syntax.js';

/** Keys the IAM UG types as both Date and Numeric, where the data lists only Date. */
const ALSO_NUMERIC = new Set(['aws:EpochTime']);

export const conditionTypeMismatch = defineCheck({
  code: 'CONDITION_TYPE_MISMATCH',
  severity: 'error',
  summary:
    'A condition value or key that the operator cannot compare (e.g. NumericLessThan "ten", IpAddress on a string key)',
  description:
    'A value the operator cannot parse, or a key of another type (an IP key with a Numeric operator), ' +
    'makes the condition never match: the Allow grants nothing, the Deny denies nothing.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/33' } },
        },
      ],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ],
    },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      for (const clause of sv.statement.condition) {
        const op = parseOperator(clause.operator.value);
        if (!op) continue; // UNKNOWN_CONDITION_OPERATOR's
        const keyInfo = ctx.catalog.conditionKey(clause.key.value);
        const wanted = keyInfo ? familyForKeyType(keyInfo.type) : null;
        const typed = op.family !== 'String' && op.family !== 'Arn' && op.family !== 'Null';
        // ArrayOfString keys (aws:CalledVia, aws:TagKeys) are strings too.
        const baseType = keyInfo?.type.replace(/^ArrayOf/, '');
        const alsoNumeric = op.family === 'Numeric' && keyInfo !== undefined && ALSO_NUMERIC.has(keyInfo.key);
        if (
          keyInfo &&
          typed &&
          wanted !== op.family &&
          !alsoNumeric &&
          !(wanted === null && baseType !== 'String' && baseType !== 'ARN')
        ) {
          ctx.report({
            statement: sv.statement,
            message: `${clause.key.value} is of type ${keyInfo.type}; ${op.canonical} compares ${op.family} values, so this condition never matches.`,
            loc: clause.operator.loc,
          });
          continue;
        }
        for (const v of clause.values) {
          const problem = valueProblem(op.family, v.value);
          if (!problem) continue;
          ctx.report({
            statement: sv.statement,
            message: `${JSON.stringify(v.value)} ${problem}, so ${op.canonical} on ${clause.key.value} never matches it.`,
            loc: v.loc,
          });
        }
      }
    }
  },
});
