/** A turn (trace) or a tool call took longer than its latency budget. */
import { z } from 'zod';
import type { Evidence } from '../../model/grade.js';
import { fail, pass, type RuleDefinition } from '../types.js';

const Params = z
  .object({
    /** Budget for one turn (a trace: latencyMs, else end - start). */
    maxTurnMs: z.number().positive().optional(),
    /** Budget for one tool call. */
    maxToolMs: z.number().positive().optional(),
  })
  .refine((p) => p.maxTurnMs !== undefined || p.maxToolMs !== undefined, 'set maxTurnMs or maxToolMs');

export const latencyBudget = {
  description: 'A turn or a tool call took longer than its latency budget.',
  params: Params,
  compile(params) {
    return (ctx) => {
      let measured = 0;
      const problems: string[] = [];
      const evidence: Evidence[] = [];
      if (params.maxTurnMs !== undefined) {
        for (const t of ctx.traces) {
          const ms = t.latencyMs ?? (t.startTime !== undefined && t.endTime !== undefined ? t.endTime - t.startTime : undefined);
          if (ms === undefined) continue;
          measured++;
          if (ms <= params.maxTurnMs) continue;
          problems.push(`trace ${t.id} took ${Math.round(ms)} ms > ${params.maxTurnMs} ms`);
          // Point at the turn's last answer when the transcript holds it.
          const last = [...t.messages].reverse().find((m) => m.role === 'assistant' && m.text.trim() !== '');
          const idx = last ? ctx.messages.findIndex((m) => m.role === 'assistant' && m.text === last.text) : -1;
          const ev: Evidence = idx >= 0 ? ctx.at(idx) : { traceId: t.id, quote: `turn took ${Math.round(ms)} ms` };
          ev.traceId = t.id;
          evidence.push(ev);
        }
      }
      if (params.maxToolMs !== undefined) {
        for (const c of ctx.toolCalls) {
          const ms = c.call.latencyMs;
          if (ms === undefined) continue;
          measured++;
          if (ms > params.maxToolMs) {
            problems.push(`${c.call.name} took ${Math.round(ms)} ms > ${params.maxToolMs} ms`);
            evidence.push(ctx.atCall(c, `${c.call.name}: ${Math.round(ms)} ms`));
          }
        }
      }
      if (problems.length > 0) return fail(problems.join('; '), evidence);
      return measured === 0 ? null : pass(`${measured} timing(s) within budget`);
    };
  },
} satisfies RuleDefinition<typeof Params>;
