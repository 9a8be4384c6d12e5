import pc from 'picocolors';
import type { AuthorizationResult, Explanation, StatementRef } from '../../model/index.js';

function where(ref: StatementRef): string {
  const sid = ref.sid ? ` "${ref.sid}"` : '';
  const level = ref.level !== undefined ? ` level ${ref.level}` : '';
  const at = ref.loc ? ` (${ref.loc.file}:${ref.loc.line}:${ref.loc.column})` : '';
  return `${ref.policyKind} policy ${ref.policy}${level}, statement ${ref.statement}${sid}${at}`;
}

/** The explanation, most telling first: what decided, then what nearly matched, then the rest. */
export function renderExplanation(
  e: Explanation,
  indent = '  ',
  maxNotMatched = Number.POSITIVE_INFINITY,
): string {
  const lines: string[] = [];
  for (const d of e.denies) lines.push(`${indent}denied by ${where(d)}`);
  for (const a of e.allows) lines.push(`${indent}allowed by ${where(a)}`);
  for (const x of e.errors) lines.push(`${indent}error in ${where(x)}: ${x.message}`);
  // Statements that matched the action but not the rest say most about why a request failed.
  const near = e.notMatched.filter((n) => n.reason !== 'action');
  const far = e.notMatched.filter((n) => n.reason === 'action');
  const shown = [...near, ...far].slice(0, maxNotMatched);
  for (const n of shown) lines.push(`${indent}not matched on ${n.reason}: ${where(n)}: ${n.detail}`);
  const hidden = near.length + far.length - shown.length;
  if (hidden > 0) lines.push(`${indent}(${hidden} more statements not matched on the action)`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function renderSimulateText(r: AuthorizationResult, colour: boolean): string {
  const paint = r.decision === 'Allow' ? pc.green : pc.red;
  const head = `${colour ? paint(r.decision) : r.decision}: ${r.explanation.reason}\n`;
  const errors = r.errors.map((e) => `  error: ${e}\n`).join('');
  return head + errors + renderExplanation(r.explanation);
}
