/**
 * The list of import formats, in the order `casebook formats` prints them. Each parser lives in
 * core/ingest/formats/<id>.ts; this module is the only place that knows them all.
 */
import type { FormatId } from '../model/trace.js';
import type { FormatParser } from './format.js';
import { otlpParser } from './formats/otlp.js';
import { openInferenceParser } from './formats/openinference.js';
import { langfuseParser } from './formats/langfuse.js';
import { langsmithParser } from './formats/langsmith.js';
import { openAiChatParser } from './formats/openai-chat.js';
import { tauBenchParser } from './formats/tau-bench.js';
import { genericParser, type FieldMapping } from './formats/generic.js';

/** Options that some formats need (the generic format needs a field mapping). */
export interface FormatOptions {
  mapping?: FieldMapping;
}

/** Every format that can be auto-detected, most specific first (ties go to the earlier one). */
export function detectableFormats(): FormatParser[] {
  return [otlpParser, openInferenceParser, langfuseParser, langsmithParser, tauBenchParser, openAiChatParser];
}

/** The parser for an explicit format id; `generic` needs a mapping. */
export function parserFor(id: FormatId, options: FormatOptions = {}): FormatParser {
  if (id === 'generic') {
    if (!options.mapping) throw new Error('the generic format needs a field mapping: pass --map mapping.yaml');
    return genericParser(options.mapping);
  }
  const found = detectableFormats().find((p) => p.id === id);
  if (!found) throw new Error(`unknown format "${id}"`);
  return found;
}
