import pc from 'picocolors';
import type { Finding, InputError, Severity } from '../../model/index.js';
import { formatInputError } from '../../model/index.js';

type Paint = (s: string) => string;

const COLOURS: Record<Severity, Paint> = {
  security: pc.magenta,
  error: pc.red,
  warning: pc.yellow,
  suggestion: pc.cyan,
};

/** `file:line:col  severity  CODE  message  [statement 0 "Sid"]`, one finding a line. */
export function renderFindingsText(
  findings: readonly Finding[],
  errors: readonly InputError[],
  colour: boolean,
): string {
  const paint = (s: Severity, text: string) => (colour ? COLOURS[s](text) : text);
  const lines: string[] = [];
  for (const f of findings) {
    const where = `${f.loc.file}:${f.loc.line}:${f.loc.column}`;
    const st = f.statement === null ? '' : ` [statement ${f.statement}${f.sid ? ` "${f.sid}"` : ''}]`;
    lines.push(`${where}  ${paint(f.severity, f.severity.padEnd(10))} ${f.code}  ${f.message}${st}`);
  }
  for (const e of errors) lines.push(`${formatInputError(e)}`);
  return lines.join('\n') + (lines.length ? '\n' : '');
}

export function summaryLine(files: number, findings: readonly Finding[], unreadable: number): string {
  const counts = new Map<Severity, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const parts = (['security', 'error', 'warning', 'suggestion'] as const)
    .filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${s}`);
  const bad = unreadable
    ? `; ${unreadable} file${unreadable === 1 ? '' : 's'} could not be read as policies`
    : '';
  return `${files} file${files === 1 ? '' : 's'} checked: ${parts.length ? parts.join(', ') : 'no findings'}${bad}\n`;
}
