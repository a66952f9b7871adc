/**
 * A cited source that the conversation never retrieved: structured citations and in-text markers
 * (`[n]`, `(source: X)`, `[source: X]`) checked against the documents and retrieval-tool results seen
 * before the answer.
 */
import { z } from 'zod';
import type { Evidence } from '../../model/grade.js';
import type { Document, Json } from '../../model/trace.js';
import { isObject } from '../../ingest/transcript.js';
import { fail, pass, type RuleDefinition } from '../types.js';

const Params = z.object({
  /** Tools whose results count as retrieved documents (empty: every tool result is searched for ids). */
  retrievalTools: z.array(z.string()).default([]),
  /** Result fields that identify a document. */
  idFields: z.array(z.string()).default(['id', 'doc_id', 'document_id', 'source', 'url', 'uri', 'title', 'name']),
  /** Check numeric `[n]` markers against the number of documents retrieved. */
  numericMarkers: z.boolean().default(true),
});

// Compiled once: markers in answer text.
// The list starts at a non-blank: a blank there would trade characters with the \s* before it (quadratic).
const SOURCE_MARKER = /[[(]\s*(?:source|sources|ref|citation)s?\s*:\s*([^\s\])][^\])]*)[\])]/gi;
const NUMERIC_MARKER = /\[(\d{1,3})\](?!\()/g;
const ANY_MARKER = /[[(]\s*(?:source|sources|ref|citation)s?\s*:|\[\d{1,3}\](?!\()/i;

const norm = (s: string): string => s.trim().toLowerCase();

export const citationNotRetrieved = {
  description: 'Every source the answer cites was retrieved earlier in the conversation.',
  params: Params,
  compile(params) {
    const retrievalTools = new Set(params.retrievalTools);
    const idFields = params.idFields;
    const collect = (value: Json | undefined, into: Set<string>, depth: number, count: { n: number }): void => {
      if (depth > 4 || value === undefined || value === null) return;
      if (Array.isArray(value)) {
        for (const v of value) collect(v, into, depth + 1, count);
        return;
      }
      if (!isObject(value)) return;
      let isDoc = false;
      for (const f of idFields) {
        const v = value[f];
        if (typeof v === 'string' || typeof v === 'number') {
          into.add(norm(String(v)));
          isDoc = true;
        }
      }
      if (isDoc) count.n++;
      for (const v of Object.values(value)) if (typeof v === 'object') collect(v, into, depth + 1, count);
    };
    const addDoc = (d: Document, into: Set<string>): void => {
      for (const v of [d.id, d.uri, d.title]) if (v) into.add(norm(v));
    };
    return (ctx) => {
      // Most conversations cite nothing: skip walking tool results for them.
      let any = false;
      for (const m of ctx.messages) {
        if (m.role === 'assistant' && (m.citations.length > 0 || ANY_MARKER.test(m.text))) {
          any = true;
          break;
        }
      }
      if (!any) return pass('no citation');
      const known = new Set<string>();
      const count = { n: 0 };
      let cited = 0;
      const problems: string[] = [];
      const evidence: Evidence[] = [];
      let callCursor = 0;
      const calls = ctx.toolCalls;
      for (let i = 0; i < ctx.messages.length; i++) {
        const m = ctx.messages[i];
        if (!m) continue;
        for (const d of m.documents) {
          addDoc(d, known);
          count.n++;
        }
        if (m.role !== 'assistant') continue;
        // Results of every call made before this message (tool messages or results joined to the call).
        while (callCursor < calls.length && (calls[callCursor]?.messageIndex ?? Infinity) < i) {
          const c = calls[callCursor++];
          if (c && (retrievalTools.size === 0 || retrievalTools.has(c.call.name))) collect(c.call.result, known, 0, count);
        }
        const missing: string[] = [];
        for (const d of m.citations) {
          cited++;
          const keys = [d.id, d.uri, d.title].filter((v): v is string => !!v).map(norm);
          if (keys.length > 0 && !keys.some((k) => known.has(k))) missing.push(d.id ?? d.uri ?? d.title ?? '?');
        }
        if (m.text.includes('[') || m.text.includes('(')) {
          for (const mm of m.text.matchAll(SOURCE_MARKER)) {
            for (const part of (mm[1] ?? '').split(/[,;]/)) {
              const k = norm(part);
              if (!k) continue;
              cited++;
              if (!known.has(k) && ![...known].some((x) => x.includes(k) || k.includes(x))) missing.push(part.trim());
            }
          }
          if (params.numericMarkers) {
            for (const mm of m.text.matchAll(NUMERIC_MARKER)) {
              const n = Number(mm[1]);
              cited++;
              if (n < 1 || n > count.n) missing.push(`[${n}]`);
            }
          }
        }
        if (missing.length > 0) {
          problems.push(`message ${i} cites ${[...new Set(missing)].join(', ')}, not retrieved (${count.n} document(s) retrieved)`);
          evidence.push(ctx.at(i));
        }
      }
      if (problems.length > 0) return fail(problems.join('; '), evidence);
      return pass(cited === 0 ? 'no citation' : `${cited} citation(s), all retrieved`);
    };
  },
} satisfies RuleDefinition<typeof Params>;
