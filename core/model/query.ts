/** Types for listing and filtering stored traces: shared by the store, the CLI and the app contract. */
import { z } from 'zod';
import { FormatId } from './trace.js';

/** Filters for `casebook traces` and the app's list. Times are epoch milliseconds. */
export const TraceFilter = z.object({
  from: z.number().optional(),
  to: z.number().optional(),
  intent: z.string().optional(),
  status: z.enum(['ok', 'error']).optional(),
  format: FormatId.optional(),
  conversationId: z.string().optional(),
  /** Full-text search over message text (every word must appear). */
  text: z.string().optional(),
  limit: z.number().int().min(1).max(10_000).default(100),
  offset: z.number().int().min(0).default(0),
});
export type TraceFilter = z.infer<typeof TraceFilter>;
export type TraceFilterInput = z.input<typeof TraceFilter>;

/** One row of the trace list: what is needed to show and pick a trace without loading its body. */
export const TraceSummary = z.object({
  id: z.string(),
  format: FormatId,
  sourceFile: z.string(),
  sourceTraceId: z.string(),
  startTime: z.number().nullable(),
  agentName: z.string().nullable(),
  model: z.string().nullable(),
  conversationId: z.string().nullable(),
  intent: z.string().nullable(),
  status: z.enum(['ok', 'error']),
  reward: z.number().nullable(),
  messageCount: z.number().int(),
  toolCallCount: z.number().int(),
  title: z.string(),
});
export type TraceSummary = z.infer<typeof TraceSummary>;

/** A page of the trace list. */
export const TracePage = z.object({ total: z.number().int(), items: z.array(TraceSummary) });
export type TracePage = z.infer<typeof TracePage>;
