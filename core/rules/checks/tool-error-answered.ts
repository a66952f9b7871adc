/**
 * A tool errored or timed out and the agent answered anyway, without a successful retry and without
 * telling the user: the "no-tool fallback" shape, where the answer is made up.
 */
import { z } from 'zod';
import type { Evidence } from '../../model/grade.js';
import type { ToolCallStatus } from '../../model/trace.js';
import { quote, resultText } from '../context.js';
import { compilePhrases, PhraseList } from '../patterns.js';
import { fail, pass, type RuleDefinition } from '../types.js';

const Params = z.object({
  /** Call statuses that count as a failed call. */
  statuses: z.array(z.enum(['error', 'timeout'])).default(['error', 'timeout']),
  /** What counts as recovering before the answer: a successful retry of the same tool, or of any tool. */
  recovery: z.enum(['same-tool', 'any-tool']).default('same-tool'),
  /** An answer matching one of these tells the user about the failure, so it is not "anyway". */
  acknowledgements: PhraseList.default([
    'sorry', 'apologize', 'apologies', 'unfortunately', 'unable', "couldn't", 'could not', "can't", 'cannot',
    'not able', 'error', 'failed', 'failure', 'problem', 'issue', 'went wrong', 'try again', 'unavailable',
    'not available', 'timed out', 'timeout', 'rejected', 'denied', 'not allowed', 'not permitted', 'not eligible',
    'not sufficient', 'insufficient', 'not enough',
  ]),
  /** Tools whose failure does not matter (e.g. a scratchpad `think` tool). */
  ignoreTools: z.array(z.string()).default([]),
  /** An answer that repeats at least this share of the error's content words relays the error. */
  echoShare: z.number().min(0).max(1).default(0.5),
});

const STOP = new Set(['this', 'that', 'with', 'from', 'have', 'does', 'there', 'their', 'your', 'error', 'were', 'been', 'than', 'then', 'when', 'into', 'will', 'would', 'could', 'should']);
const CONTENT_WORD = /[a-z][a-z0-9_-]{3,}/g;

/** Content words of a text: lowercase, 4+ characters, no stop words, plural "s" dropped. */
function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(CONTENT_WORD)) {
    const w = m[0].length > 4 && m[0].endsWith('s') && !m[0].endsWith('ss') ? m[0].slice(0, -1) : m[0];
    if (!STOP.has(w)) out.add(w);
  }
  return out;
}

/** True when the answer repeats enough of the error's content words to be telling the user about it. */
function relaysError(answer: string, error: string, share: number): boolean {
  const want = contentWords(error);
  if (want.size === 0) return false;
  const have = contentWords(answer);
  let n = 0;
  for (const w of want) if (have.has(w)) n++;
  return n / want.size >= share;
}

export const toolErrorAnswered = {
  description: 'A tool call failed (error or timeout) and the next answer neither retried it successfully nor told the user about the failure.',
  params: Params,
  compile(params) {
    const failing = new Set<ToolCallStatus>(params.statuses);
    const ack = compilePhrases(params.acknowledgements);
    const ignore = new Set(params.ignoreTools);
    return (ctx) => {
      let failures = 0;
      const evidence: Evidence[] = [];
      const problems: string[] = [];
      const reported = new Set<number>();
      const calls = ctx.toolCalls;
      for (let i = 0; i < calls.length; i++) {
        const c = calls[i];
        if (!c || !failing.has(c.call.status) || ignore.has(c.call.name)) continue;
        failures++;
        const after = c.resultIndex ?? c.messageIndex;
        const answer = ctx.nextAnswer(after);
        if (answer === undefined || reported.has(answer)) continue;
        let recovered = false;
        for (let j = i + 1; j < calls.length; j++) {
          const n = calls[j] as (typeof calls)[number];
          if (n.messageIndex > answer) break;
          if (n.call.status === 'ok' && (params.recovery === 'any-tool' || n.call.name === c.call.name)) {
            recovered = true;
            break;
          }
        }
        if (recovered) continue;
        const text = ctx.messages[answer]?.text ?? '';
        if (ack?.test(text)) continue;
        const err = c.call.error ?? resultText(c.call.result);
        if (err && relaysError(text, err, params.echoShare)) continue;
        reported.add(answer);
        problems.push(`${c.call.name} ${c.call.status === 'timeout' ? 'timed out' : 'failed'} ("${quote(err, 80)}") and message ${answer} answered anyway`);
        evidence.push(ctx.atCall(c, err || c.call.status), ctx.at(answer));
      }
      if (failures === 0) return pass('no failed tool call');
      if (problems.length === 0) return pass(`${failures} failed tool call(s), each retried or acknowledged`);
      return fail(problems.join('; '), evidence);
    };
  },
} satisfies RuleDefinition<typeof Params>;
