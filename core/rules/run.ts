/** Running the configured rules on a conversation. */
import type { RuleVerdict } from '../model/grade.js';
import { RuleContext, type RuleConversation } from './context.js';
import type { RulesConfig, RuleSpec } from './config.js';
import { ruleRegistry } from './registry.js';
import type { CompiledCheck } from './types.js';

/** A configured rule, compiled (its patterns built once). */
export interface CompiledRule {
  spec: RuleSpec;
  intents: ReadonlySet<string> | undefined;
  check: CompiledCheck;
}

/** The rules of a configuration, compiled once for a whole run. */
export interface CompiledRules {
  readonly compiled: true;
  rules: CompiledRule[];
}

function compileOne(spec: RuleSpec): CompiledCheck {
  // The discriminated union guarantees spec.params matches ruleRegistry[spec.type].params.
  const def = ruleRegistry[spec.type] as { compile(p: RuleSpec['params']): CompiledCheck };
  return def.compile(spec.params);
}

/** Compile a rules configuration (regexes, schemas, shingles) once; reuse it for every conversation. */
export function compileRules(config: RulesConfig): CompiledRules {
  return {
    compiled: true,
    rules: config.rules
      .filter((r) => r.enabled)
      .map((spec) => ({ spec, intents: spec.intents.length > 0 ? new Set(spec.intents) : undefined, check: compileOne(spec) })),
  };
}

const cache = new WeakMap<RulesConfig, CompiledRules>();

/**
 * Run every enabled rule that applies to the conversation's intent and return their verdicts. Rules that
 * do not apply (intent filter, nothing to check) give no verdict. A config object is compiled on first
 * use and cached, so passing the same config for every conversation costs no recompilation. A rule that
 * throws (a bug, not a finding) raises an error naming the rule and the conversation.
 */
export function runRules(conversation: RuleConversation, config: RulesConfig | CompiledRules): RuleVerdict[] {
  let rules: CompiledRules;
  if ('compiled' in config) rules = config;
  else {
    rules = cache.get(config) ?? compileRules(config);
    cache.set(config, rules);
  }
  const ctx = new RuleContext(conversation);
  const out: RuleVerdict[] = [];
  for (const r of rules.rules) {
    if (r.intents && !r.intents.has(conversation.ref.intent)) continue;
    let result;
    try {
      result = r.check(ctx);
    } catch (e) {
      // Neither a pass nor a fail would be true: surface the broken rule with where it broke.
      throw new Error(`rule ${r.spec.id} (${r.spec.type}) failed on conversation ${conversation.ref.key}: ${(e as Error).message}`, { cause: e });
    }
    if (!result) continue;
    const verdict: RuleVerdict = {
      ruleId: r.spec.id,
      outcome: result.outcome,
      severity: r.spec.severity,
      message: result.message,
      evidence: result.evidence ?? [],
    };
    if (r.spec.failureMode) verdict.failureMode = r.spec.failureMode;
    out.push(verdict);
  }
  return out;
}
