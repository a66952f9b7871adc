/**
 * Exporting cases into formats existing harnesses run: a promptfoo tests file, an Inspect AI dataset
 * (JSONL of samples) and plain JSONL. The replayed input is the conversation up to and including the
 * last user message before the failing answer: the harness's agent answers it afresh. Pure.
 */
import type { Json } from '../model/trace.js';
import type { Case, CaseCheck, CaseMessage } from './case.js';
import { toYaml } from '../config/yaml-config.js';

/** The messages a harness replays: everything up to and including the last user message. */
export function replayMessages(c: Case): CaseMessage[] {
  const msgs = c.input.messages;
  let last = -1;
  msgs.forEach((m, i) => {
    if (m.role === 'user') last = i;
  });
  return last < 0 ? [...msgs] : msgs.slice(0, last + 1);
}

/** A promptfoo assertion (the subset Casebook writes). */
export interface PromptfooAssertion {
  type: string;
  value?: string | string[];
  metric?: string;
}

/** A promptfoo test case (the subset Casebook writes). */
export interface PromptfooTest {
  description: string;
  vars: Record<string, Json>;
  assert: PromptfooAssertion[];
  metadata: Record<string, Json>;
}

const OUTPUT_TEXT = "(typeof output === 'string' ? output : JSON.stringify(output))";

function deterministicAssertions(check: CaseCheck): PromptfooAssertion[] {
  const out: PromptfooAssertion[] = [];
  const metric = check.rule;
  if (check.forbid_phrases?.length) out.push({ type: 'not-icontains-any', value: [...check.forbid_phrases], metric });
  for (const p of check.forbid_patterns ?? []) {
    // promptfoo's `regex` compiles without flags; the rules match case-insensitively, so check in JavaScript.
    out.push({ type: 'javascript', value: `!new RegExp(${JSON.stringify(p)}, 'i').test(${OUTPUT_TEXT})`, metric });
  }
  if (check.forbid_tools?.length) {
    out.push({ type: 'javascript', value: `!${JSON.stringify(check.forbid_tools)}.some((t) => ${OUTPUT_TEXT}.includes(t))`, metric });
  }
  if (check.require_tools?.length) {
    out.push({ type: 'javascript', value: `${JSON.stringify(check.require_tools)}.every((t) => ${OUTPUT_TEXT}.includes(t))`, metric });
  }
  return out;
}

function chatMessage(m: CaseMessage): Record<string, Json> {
  const out: Record<string, Json> = { role: m.role, content: m.content };
  if (m.name) out.name = m.name;
  if (m.tool_call_id) out.tool_call_id = m.tool_call_id;
  if (m.tool_calls?.length) {
    out.tool_calls = m.tool_calls.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      type: 'function',
      function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
    }));
  }
  return out;
}

/** The promptfoo test of each case: vars from the input, llm-rubric from expected_behavior, rules as checks. */
export function promptfooTests(cases: readonly Case[]): PromptfooTest[] {
  return cases.map((c) => {
    const replay = replayMessages(c);
    const request = [...replay].reverse().find((m) => m.role === 'user')?.content ?? '';
    return {
      description: `${c.case_id} ${c.failure_mode} (${c.intent})`,
      vars: {
        case_id: c.case_id,
        intent: c.intent,
        request,
        // OpenAI chat format, so a prompt template can pass the history through as is.
        messages: replay.map(chatMessage),
      },
      assert: [{ type: 'llm-rubric', value: c.expected_behavior, metric: c.failure_mode }, ...c.checks.flatMap(deterministicAssertions)],
      metadata: { case_id: c.case_id, failure_mode: c.failure_mode, category: c.category, stakes: c.stakes },
    };
  });
}

/** A promptfoo tests file (YAML list; reference it as `tests: file://<name>.yaml`). */
export function toPromptfoo(cases: readonly Case[]): string {
  const header = '# Casebook eval cases exported for promptfoo (casebook export --to promptfoo). Regenerated on every export: edit eval/cases_from_prod.yaml instead.\n';
  return header + toYaml(promptfooTests(cases));
}

/** An Inspect AI sample (inspect_ai.dataset.Sample fields). */
export interface InspectSample {
  id: string;
  input: Record<string, Json>[];
  target: string;
  metadata: Record<string, Json>;
}

/** Inspect AI samples: chat-message input, expected behaviour as the target, the case's facts as metadata. */
export function inspectSamples(cases: readonly Case[]): InspectSample[] {
  return cases.map((c) => {
    // Inspect requires an id on every tool call and on the tool message answering it.
    let n = 0;
    const pending: Array<{ id: string; name: string }> = [];
    const input = replayMessages(c).map((m) => {
      const out: Record<string, Json> = { role: m.role, content: m.content };
      if (m.role === 'assistant' && m.tool_calls?.length) {
        out.tool_calls = m.tool_calls.map((t) => {
          const id = t.id ?? `call_${++n}`;
          pending.push({ id, name: t.name });
          const args: Json = t.arguments !== null && typeof t.arguments === 'object' && !Array.isArray(t.arguments) ? t.arguments : { value: t.arguments };
          return { id, function: t.name, arguments: args, type: 'function' };
        });
      }
      if (m.role === 'tool') {
        const idx = m.tool_call_id ? pending.findIndex((p) => p.id === m.tool_call_id) : pending.findIndex((p) => !m.name || p.name === m.name);
        const call = idx >= 0 ? pending.splice(idx, 1)[0] : undefined;
        out.tool_call_id = m.tool_call_id ?? call?.id ?? `call_${++n}`;
        out.function = m.name ?? call?.name ?? 'unknown';
      }
      return out;
    });
    return {
      id: c.case_id,
      input,
      target: c.expected_behavior,
      metadata: { intent: c.intent, stakes: c.stakes, failure_mode: c.failure_mode, category: c.category, checks: c.checks as unknown as Json },
    };
  });
}

/** An Inspect AI dataset: one sample per line (read it with `json_dataset(path)`). */
export function toInspectJsonl(cases: readonly Case[]): string {
  return inspectSamples(cases).map((s) => `${JSON.stringify(s)}\n`).join('');
}

/** Plain JSONL: one case per line, exactly as in eval/cases_from_prod.yaml. */
export function toJsonl(cases: readonly Case[]): string {
  return cases.map((c) => `${JSON.stringify(c)}\n`).join('');
}
