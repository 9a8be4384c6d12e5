import type { ActionInfo, Catalog } from '../../catalog/index.js';
import type { Located, PolicyDocument, Statement } from '../../model/index.js';
import { effectiveVersion } from '../../model/index.js';
import { expandActionPattern } from '../evaluate/match/action-expand.js';
import { type CompiledActionPattern, compileActionPattern } from '../evaluate/match/action-pattern.js';
import {
  type CompiledArnPattern,
  compileArnPattern,
  type Token,
  tokenizeArnPattern,
} from '../evaluate/match/arn-pattern.js';

/** An Action or NotAction entry, compiled, with its expansion computed on first use. */
export interface ActionEntry {
  readonly text: string;
  readonly located: Located<string>;
  readonly pattern: CompiledActionPattern;
  /** Catalogue actions the entry stands for ([] when unknown). */
  readonly expanded: readonly ActionInfo[];
}

export interface ResourceEntry {
  readonly text: string;
  readonly located: Located<string>;
  readonly tokens: readonly Token[];
  readonly compiled: CompiledArnPattern;
}

export interface StatementView {
  readonly statement: Statement;
  /** Action entries, or NotAction entries when `negatedActions`. */
  readonly actions: readonly ActionEntry[];
  readonly negatedActions: boolean;
  readonly resources: readonly ResourceEntry[];
  readonly negatedResources: boolean;
  /** All catalogue actions the Action entries stand for, deduplicated by key. */
  readonly allowedActions: ReadonlyMap<string, ActionInfo>;
}

export interface PolicyView {
  readonly statements: readonly StatementView[];
  readonly cache: ExpansionCache;
}

/** Shared per-run caches so a corpus of policies expands each pattern once. */
export class ExpansionCache {
  private readonly map = new Map<string, ActionInfo[]>();
  private readonly keySets = new WeakMap<readonly ActionInfo[], ReadonlySet<string>>();
  constructor(private readonly catalog: Catalog) {}

  /** The action keys of an expansion, as a set (built once per expansion). */
  keys(expanded: readonly ActionInfo[]): ReadonlySet<string> {
    let set = this.keySets.get(expanded);
    if (!set) {
      set = new Set(expanded.map((a) => a.key));
      this.keySets.set(expanded, set);
    }
    return set;
  }
  expand(pattern: CompiledActionPattern): ActionInfo[] {
    const key = pattern.pattern.toLowerCase();
    let hit = this.map.get(key);
    if (!hit) {
      hit = expandActionPattern(this.catalog, pattern);
      this.map.set(key, hit);
    }
    return hit;
  }
}

export function buildPolicyView(doc: PolicyDocument, cache: ExpansionCache): PolicyView {
  const variables = effectiveVersion(doc) === '2012-10-17' ? 'wildcard' : 'literal';
  const statements = doc.statements.map((statement): StatementView => {
    const rawActions = statement.action ?? statement.notAction ?? [];
    const actions = rawActions.map((located): ActionEntry => {
      const pattern = compileActionPattern(located.value);
      let expanded: ActionInfo[] | undefined;
      return {
        text: located.value,
        located,
        pattern,
        get expanded() {
          expanded ??= cache.expand(pattern);
          return expanded;
        },
      };
    });
    const rawResources = statement.resource ?? statement.notResource ?? [];
    const resources = rawResources.map(
      (located): ResourceEntry => ({
        text: located.value,
        located,
        tokens: tokenizeArnPattern(located.value, { variables }),
        compiled: compileArnPattern(located.value, { variables }),
      }),
    );
    let allowed: Map<string, ActionInfo> | undefined;
    return {
      statement,
      actions,
      negatedActions: statement.action === undefined && statement.notAction !== undefined,
      resources,
      negatedResources: statement.resource === undefined && statement.notResource !== undefined,
      get allowedActions() {
        if (!allowed) {
          allowed = new Map();
          for (const a of actions) for (const info of a.expanded) allowed.set(info.key, info);
        }
        return allowed;
      },
    };
  });
  return { statements, cache };
}
