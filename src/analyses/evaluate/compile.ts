/**
 * Compiling a policy once so it can answer many requests: action patterns, ARN patterns and
 * condition values are parsed here, never per request (Cedar's split of parse and evaluate).
 */
import type { PolicyDocument, PolicyKind, Statement, StatementRef } from '../../model/index.js';
import { effectiveVersion } from '../../model/index.js';
import { type CompiledActionPattern, compileActionPattern } from './match/action-pattern.js';
import { type CompiledArnPattern, compileArnPattern } from './match/arn-pattern.js';
import { type CompiledCondition, compileConditions } from './match/condition.js';
import type { RequestContext } from './match/request-context.js';
import { parseTemplate, resolveResourcePattern, type Template } from './match/variables.js';

/** A Resource/NotResource entry: fixed, or with policy variables resolved per request. */
export type ResourceEntry =
  | { kind: 'fixed'; pattern: CompiledArnPattern }
  | { kind: 'template'; text: string; template: Template };

export interface CompiledStatement {
  readonly ref: StatementRef;
  readonly statement: Statement;
  readonly actions: readonly CompiledActionPattern[];
  readonly notAction: boolean;
  /** Null when the statement has neither Resource nor NotResource (trust policies). */
  readonly resources: readonly ResourceEntry[] | null;
  readonly notResource: boolean;
  readonly conditions: readonly CompiledCondition[];
  /** Why the statement cannot be evaluated (unknown operator, unparseable value): fail closed. */
  readonly error?: string;
}

export interface CompiledPolicy {
  readonly kind: PolicyKind;
  readonly name: string;
  readonly level?: number;
  readonly statements: readonly CompiledStatement[];
  /** Statements whose Action/NotAction matches, per lower-case action: computed on first use. */
  readonly byAction: Map<string, readonly CompiledStatement[]>;
}

export function compilePolicy(
  doc: PolicyDocument,
  kind: PolicyKind,
  name: string,
  level?: number,
): CompiledPolicy {
  const version = effectiveVersion(doc);
  const statements = doc.statements.map((st): CompiledStatement => {
    const ref: StatementRef = {
      policyKind: kind,
      policy: name,
      statement: st.index,
      sid: st.sid?.value ?? null,
      effect: st.effect.value,
      loc: st.loc,
    };
    if (level !== undefined) ref.level = level;
    const rawResources = st.resource ?? st.notResource;
    const resources = rawResources
      ? rawResources.map((r): ResourceEntry => {
          const template = parseTemplate(r.value, version);
          // Escapes such as ${*} need the template path too: their star is not a wildcard.
          return template.parts.every((part) => part.kind === 'text')
            ? { kind: 'fixed', pattern: compileArnPattern(r.value, { variables: 'literal' }) }
            : { kind: 'template', text: r.value, template };
        })
      : null;
    const compiled = compileConditions(st.condition, version);
    const base = {
      ref,
      statement: st,
      actions: (st.action ?? st.notAction ?? []).map((a) => compileActionPattern(a.value)),
      notAction: st.action === undefined,
      resources,
      notResource: st.resource === undefined && st.notResource !== undefined,
    };
    if ('error' in compiled) return { ...base, conditions: [], error: compiled.error };
    return { ...base, conditions: compiled.conditions };
  });
  return { kind, name, level, statements, byAction: new Map() };
}

/** The statements of a policy whose Action (or NotAction) element takes in the action. */
export function statementsFor(policy: CompiledPolicy, lowerAction: string): readonly CompiledStatement[] {
  let hit = policy.byAction.get(lowerAction);
  if (!hit) {
    hit = policy.statements.filter((s) => s.actions.some((a) => a.test(lowerAction)) !== s.notAction);
    policy.byAction.set(lowerAction, hit);
  }
  return hit;
}

/** Does one Resource entry match the request's resource? Unresolved variables match nothing. */
export function resourceEntryMatches(entry: ResourceEntry, resource: string, ctx: RequestContext): boolean {
  if (entry.kind === 'fixed') return entry.pattern.test(resource);
  const resolved = resolveResourcePattern(entry.template, ctx);
  return resolved?.matcher(resource) ?? false;
}
