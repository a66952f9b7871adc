/**
 * The contract between the streaming readers and the per-format parsers.
 * Parsers are pure: they get one decoded JSON record (or CSV row) and return drafts or fragments.
 */
import type { FormatId, Json, TraceDraft } from '../model/trace.js';

/** Where a record sits in its file, for error reports. */
export interface RecordLocation {
  file: string;
  /** 1-based line of the record's first byte. */
  line: number;
  /** Byte offset of the record's first byte in the (decompressed) file. */
  byteOffset: number;
  /** 0-based index of the record in the file. */
  index: number;
}

/** Services a parser may use without doing I/O itself. */
export interface ParseContext {
  /** Path of the file being imported, as the user gave it. */
  file: string;
  /** Hex SHA-256 of a string: for ids where the source has none. */
  hash(text: string): string;
}

/**
 * A piece of a trace that cannot be turned into a trace on its own (an OTLP span, a LangSmith run without
 * its parent). Fragments are staged (redacted) in the store under (format, traceKey, fragmentId) and
 * handed to `assemble` once every file of the import has been read, so spans spread over many lines or
 * files become one trace. Re-importing a fragment stores nothing new unless its (redacted) payload changed,
 * in which case the staged payload is replaced and the trace assembled again.
 */
export interface Fragment {
  traceKey: string;
  /** Unique within the trace (span id, run id): the same id imported again replaces the staged payload only when it differs. */
  fragmentId: string;
  /** JSON-safe payload the format's `assemble` understands. */
  payload: Json;
}

/** What a parser makes of one record. */
export interface ParseResult {
  traces: TraceDraft[];
  fragments: Fragment[];
}

/** A record that is valid JSON but not of this format's shape. */
export class RecordShapeError extends Error {
  override readonly name = 'RecordShapeError';
}

/** How a file of this format is framed into records. */
export type Framing =
  /** JSON Lines, or a JSON document whose top-level array elements (or the single object) are records. */
  | 'json'
  /** Comma-separated values with a header row. */
  | 'csv';

/** One import format: how it is detected, how a record becomes traces, how fragments are assembled. */
export interface FormatParser {
  id: FormatId;
  title: string;
  /** One sentence for `casebook formats`: what in a record makes the detector pick this format. */
  detection: string;
  framing: Framing;
  /**
   * Confidence (0..1) that this record belongs to the format. Called on the first records of a file;
   * 0 means "not mine". Must not throw.
   */
  detect(record: unknown): number;
  /** Turn one record into drafts and/or fragments. Throws (RecordShapeError preferably) on a bad record. */
  parse(record: unknown, location: RecordLocation, ctx: ParseContext): ParseResult;
  /** Build traces from every fragment staged under one trace key. Required when `parse` emits fragments. */
  assemble?(traceKey: string, fragments: Json[], ctx: ParseContext): TraceDraft[];
}
