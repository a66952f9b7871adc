/**
 * Streaming readers: turn a file (plain or gzip) into records without holding the file in memory.
 * JSON files are JSON Lines, or one JSON document whose top-level array elements (or the single object)
 * are the records; CSV files have a header row. A record that cannot be read becomes an error item with
 * its location, and reading goes on with the next one.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { Framing, RecordLocation } from './format.js';

/** One item read from a file: a decoded record, or a record that could not be read. */
export type ReadItem =
  | { kind: 'record'; value: unknown; location: RecordLocation; bytes: number }
  | { kind: 'error'; location: RecordLocation; reason: string };

/** Options for reading one file. */
export interface ReadOptions {
  framing: Framing;
  signal?: AbortSignal;
  /** Called with the number of bytes read from disk (compressed bytes for .gz) as reading advances. */
  onDiskBytes?: (bytesSoFar: number) => void;
  /** Records larger than this are reported and skipped (default 512 MiB). */
  maxRecordBytes?: number;
  /** Documents nested deeper than this are reported and skipped (default 1000). */
  maxDepth?: number;
}

/** A problem with the whole file (not one record): empty, binary, unreadable. The message is `file: reason`. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';

  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

const DEFAULT_MAX_RECORD = 512 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 1000;
const CHUNK = 1 << 20;

/** True when the file starts with the gzip magic bytes. */
async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Open a file as a byte stream, decompressing gzip transparently; `diskBytes` tells how far disk reading got. */
async function openBytes(path: string, opts: ReadOptions): Promise<{ stream: Readable; diskBytes: () => number }> {
  const raw = createReadStream(path, { highWaterMark: CHUNK, signal: opts.signal });
  const diskBytes = (): number => raw.bytesRead;
  if (!(await isGzip(path))) return { stream: raw, diskBytes };
  const gunzip = createGunzip({ chunkSize: CHUNK });
  raw.on('error', (e) => gunzip.destroy(e));
  return { stream: raw.pipe(gunzip), diskBytes };
}

/** The size of the file on disk, for progress. */
export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** Read every record of one file. Throws FileReadError for file-level problems before any record. */
export async function* readRecords(path: string, opts: ReadOptions): AsyncGenerator<ReadItem> {
  const { stream, diskBytes } = await openBytes(path, opts);
  // Report disk progress as chunks are consumed (a 'data' listener would switch the stream to flowing mode).
  const report = opts.onDiskBytes;
  const source: Readable | AsyncIterable<Buffer> = report
    ? (async function* () {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          report(diskBytes());
          yield chunk;
        }
      })()
    : stream;
  try {
    if (opts.framing === 'csv') yield* readCsv(path, stream);
    else yield* readJson(path, source, opts);
  } finally {
    stream.destroy();
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decode UTF-8 strictly: invalid bytes are an error, not a silent U+FFFD. */
function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * JSON.parse's message without the piece of input V8 quotes in it (`Unexpected token 'j', "jane.k@exa"...
 * is not valid JSON`): error reasons are stored and shown, and a value cut mid-way cannot be redacted.
 */
export function describeJsonError(err: unknown): string {
  if (err instanceof RangeError) return 'record nested too deeply to process';
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '');
}

/** Parse one record's bytes into an item. */
function toItem(bytes: Buffer, location: RecordLocation, what: string): ReadItem {
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch {
    return { kind: 'error', location, reason: `${what} is not valid UTF-8` };
  }
  try {
    return { kind: 'record', value: JSON.parse(text), location, bytes: bytes.length };
  } catch (err) {
    return { kind: 'error', location, reason: `${what} is not valid JSON: ${describeJsonError(err)}` };
  }
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Checks on the first bytes of a file that make the whole file unreadable as a trace export. */
function checkHead(path: string, head: Buffer): void {
  if (head.length === 0) throw new FileReadError(path, 'empty file, nothing to import');
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new FileReadError(path, 'the file is UTF-16; save it as UTF-8 and import again');
  }
  const nul = head.subarray(0, 8192).indexOf(0);
  if (nul >= 0) {
    throw new FileReadError(path, `binary file (NUL byte at offset ${nul}); not a JSON, JSONL or CSV trace export`);
  }
}

/** How many first non-blank lines are looked at to tell a JSON export from another kind of text file. */
const SNIFF_LINES = 20;
const SNIFF_BYTES = 64 * 1024;

/**
 * A text file none of whose first lines starts a JSON object or array (YAML, Markdown, a log) is not a
 * JSON or JSON Lines export: one error for the file instead of one per line. The first line may be
 * indented (a pretty-printed document); later ones must start at the margin, as JSON Lines records do,
 * because YAML and Markdown carry indented JSON in their bodies. A JSON Lines file with a few broken
 * lines first still has a record line among them, so its records are read.
 */
function checkLooksLikeJson(path: string, head: Buffer, wholeFile: boolean): void {
  // The line starts are all that matter: 64 KiB holds them (a first line longer than that decides alone).
  const lines = head.subarray(0, SNIFF_BYTES).toString('utf8').split('\n', 4 * SNIFF_LINES);
  let seen = 0;
  let first: string | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const opens = seen === 0 ? line : raw;
    if (opens.startsWith('{') || opens.startsWith('[')) return;
    first ??= line;
    if (++seen >= SNIFF_LINES) break;
  }
  // Too few lines seen to judge (a first line longer than the window, and more file after it): read on.
  if (first === undefined || (seen < SNIFF_LINES && !(wholeFile && head.length <= SNIFF_BYTES))) return;
  // Whole words only: the reason is redacted before it is stored, and a word cut short ("jane@example.c")
  // would not be recognised.
  // eslint-disable-next-line regexp/no-super-linear-move -- on 40 characters
  const sample = first.length > 40 ? `${first.slice(0, 40).replace(/\S*$/, '').trimEnd() || first.slice(0, 40).replace(/[\p{L}\p{N}@.+_-]*$/u, '')}…` : first;
  throw new FileReadError(
    path,
    `not a JSON or JSON Lines trace export: none of its first ${seen} non-blank line(s) starts a JSON object or array (it starts with ${JSON.stringify(sample)})`,
  );
}

/** Decide between JSON Lines and a single JSON document from the first line. */
function looksLikeJsonLines(firstLine: Buffer, hasMore: boolean): boolean {
  const text = firstLine.toString('utf8').trim();
  if (text === '') return true;
  try {
    const v: unknown = JSON.parse(text);
    return hasMore && typeof v === 'object' && v !== null;
  } catch {
    // A first line that opens a document ("{" or "[" with more to come) is a pretty-printed document;
    // anything else is a broken first record of a JSON Lines file.
    return !(text.startsWith('{') || text.startsWith('['));
  }
}

async function* readJson(path: string, stream: AsyncIterable<Buffer>, opts: ReadOptions): AsyncGenerator<ReadItem> {
  const it = stream[Symbol.asyncIterator]();
  // Gather enough bytes to see the first line (bounded by the record limit).
  const maxRecord = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD;
  const pending: Buffer[] = [];
  let pendingLen = 0;
  let firstNl = -1;
  let ended = false;
  while (firstNl < 0 && pendingLen <= maxRecord) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = next.value;
    const at = chunk.indexOf(0x0a);
    if (at >= 0) firstNl = pendingLen + at;
    pending.push(chunk);
    pendingLen += chunk.length;
  }
  // A short head may be the whole file: one more read tells (and its bytes join the head).
  if (!ended && pendingLen <= SNIFF_BYTES) {
    const next = await it.next();
    if (next.done) ended = true;
    else {
      pending.push(next.value);
      pendingLen += next.value.length;
    }
  }
  let head = Buffer.concat(pending);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3); // UTF-8 BOM
  checkHead(path, head);
  checkLooksLikeJson(path, head, ended);
  const firstLine = firstNl >= 0 ? head.subarray(0, firstNl) : head;
  const rest = firstNl >= 0 ? head.subarray(firstNl + 1) : Buffer.alloc(0);
  const hasMore = !ended || rest.some((b) => !WS.has(b));
  async function* chunks(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const items = looksLikeJsonLines(firstLine, hasMore)
    ? readJsonLines(path, chunks(), maxRecord)
    : readJsonDocument(path, chunks(), maxRecord, opts.maxDepth ?? DEFAULT_MAX_DEPTH);
  let seen = 0;
  for await (const item of items) {
    seen++;
    yield item;
  }
  // Any non-blank byte yields a record or an error, so nothing at all means a blank file.
  if (seen === 0) throw new FileReadError(path, 'empty file (only white space), nothing to import');
}

/** JSON Lines: one record per line; a bad line is one error and the next line is read as usual. */
async function* readJsonLines(path: string, source: AsyncIterable<Buffer>, maxRecord: number): AsyncGenerator<ReadItem> {
  let parts: Buffer[] = [];
  let partsLen = 0;
  let oversized = false;
  let line = 1;
  let lineStart = 0; // byte offset of the current line
  let offset = 0; // byte offset of the current chunk
  let index = 0;
  const emit = (bytes: Buffer, last: boolean): ReadItem | undefined => {
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    let start = 0;
    while (start < end && WS.has(bytes[start] as number)) start++;
    if (start === end) return undefined;
    const location: RecordLocation = { file: path, line, byteOffset: lineStart, index: index++ };
    const item = toItem(bytes.subarray(start, end), location, `line ${line}`);
    if (item.kind === 'error' && last && item.reason.includes('not valid JSON')) {
      return { ...item, reason: `${item.reason} (the last line looks truncated)` };
    }
    return item;
  };
  for await (const chunk of source) {
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, pos);
      if (nl < 0) break;
      const piece = chunk.subarray(pos, nl);
      let item: ReadItem | undefined;
      if (oversized) {
        item = { kind: 'error', location: { file: path, line, byteOffset: lineStart, index: index++ }, reason: `line ${line} is larger than the ${maxRecord}-byte record limit` };
      } else if (partsLen === 0) {
        item = emit(piece, false);
      } else {
        parts.push(piece);
        item = emit(Buffer.concat(parts, partsLen + piece.length), false);
      }
      if (item) yield item;
      parts = [];
      partsLen = 0;
      oversized = false;
      line++;
      lineStart = offset + nl + 1;
      pos = nl + 1;
    }
    if (pos < chunk.length && !oversized) {
      // Copy: the stream may reuse its buffers, and a long line spans chunks.
      const tail = Buffer.from(chunk.subarray(pos));
      partsLen += tail.length;
      if (partsLen > maxRecord) {
        oversized = true;
        parts = [];
        partsLen = 0;
      } else parts.push(tail);
    }
    offset += chunk.length;
  }
  if (oversized) {
    yield { kind: 'error', location: { file: path, line, byteOffset: lineStart, index: index++ }, reason: `line ${line} is larger than the ${maxRecord}-byte record limit` };
  } else if (partsLen > 0) {
    const item = emit(Buffer.concat(parts, partsLen), true);
    if (item) yield item;
  }
}

/**
 * A single JSON document, scanned structurally so that a top-level array yields one element at a time
 * (memory is bounded by the largest element, not the file). Several concatenated top-level values are
 * read one after another.
 */
async function* readJsonDocument(
  path: string,
  source: AsyncIterable<Buffer>,
  maxRecord: number,
  maxDepth: number,
): AsyncGenerator<ReadItem> {
  let depth = 0;
  let inString = false;
  let escape = false;
  let inTopArray = false;
  let line = 1;
  let offset = 0;
  let index = 0;
  // The record being collected.
  let collecting = false;
  let recDepth = 0; // depth at which the record started (1 inside a top-level array, 0 otherwise)
  let recParts: Buffer[] = [];
  let recLen = 0;
  let recStart = 0; // offset within the current chunk
  let recLine = 1;
  let recOffset = 0;
  let recMaxDepth = 0;
  let recTooBig = false;
  let recScalar = false;

  const location = (): RecordLocation => ({ file: path, line: recLine, byteOffset: recOffset, index: index++ });
  const finish = (chunk: Buffer, end: number): ReadItem => {
    const loc = location();
    const what = inTopArray ? `array element ${loc.index + 1} (line ${loc.line})` : `document at line ${loc.line}`;
    collecting = false;
    if (recTooBig) return { kind: 'error', location: loc, reason: `${what} is larger than the ${maxRecord}-byte record limit` };
    if (recMaxDepth - recDepth > maxDepth) {
      return { kind: 'error', location: loc, reason: `${what} is nested deeper than ${maxDepth} levels` };
    }
    const piece = chunk.subarray(recStart, end);
    const bytes = recParts.length === 0 ? piece : Buffer.concat([...recParts, piece], recLen + piece.length);
    recParts = [];
    recLen = 0;
    return toItem(bytes, loc, what);
  };
  const begin = (chunkOffset: number, at: number, scalar: boolean): void => {
    collecting = true;
    recDepth = depth;
    recStart = at;
    recLine = line;
    recOffset = chunkOffset + at;
    recMaxDepth = depth;
    recTooBig = false;
    recScalar = scalar;
    recParts = [];
    recLen = 0;
  };

  for await (const chunk of source) {
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i] as number;
      if (inString) {
        // Jump to the next quote or backslash: strings are most of the bytes.
        if (escape) {
          escape = false;
          continue;
        }
        const q = chunk.indexOf(0x22, i);
        const bs = chunk.indexOf(0x5c, i);
        if (bs >= 0 && (q < 0 || bs < q)) {
          i = bs;
          escape = true;
          continue;
        }
        if (q < 0) {
          i = n;
          break;
        }
        i = q;
        inString = false;
        continue;
      }
      if (b === 0x0a) {
        line++;
        if (collecting && recScalar && depth === recDepth) {
          yield finish(chunk, i);
        }
        continue;
      }
      if (WS.has(b)) {
        if (collecting && recScalar && depth === recDepth) yield finish(chunk, i);
        continue;
      }
      const topLevelSlot = inTopArray ? depth === 1 : depth === 0;
      if (b === 0x2c /* , */ || b === 0x5d /* ] */ || b === 0x7d /* } */) {
        if (collecting && recScalar && depth === recDepth) yield finish(chunk, i);
        if (b === 0x2c) continue;
        depth--;
        if (collecting && depth === recDepth) {
          yield finish(chunk, i + 1);
          continue;
        }
        if (inTopArray && depth === 0) inTopArray = false;
        if (depth < 0) {
          yield { kind: 'error', location: { file: path, line, byteOffset: offset + i, index: index++ }, reason: `unexpected "${String.fromCharCode(b)}" at line ${line}` };
          depth = 0;
        }
        continue;
      }
      if (b === 0x5b /* [ */ || b === 0x7b /* { */) {
        if (!collecting && depth === 0 && b === 0x5b && !inTopArray && index === 0) {
          inTopArray = true;
          depth = 1;
          continue;
        }
        if (!collecting && topLevelSlot) begin(offset, i, false);
        depth++;
        if (depth > recMaxDepth) recMaxDepth = depth;
        continue;
      }
      if (b === 0x22) {
        // A string record ends like a number does: at the next comma, bracket or white space.
        if (!collecting && topLevelSlot) begin(offset, i, true);
        inString = true;
        continue;
      }
      if (b === 0x3a /* : */) continue;
      // The start of a number, true, false or null.
      if (!collecting && topLevelSlot) begin(offset, i, true);
    }
    if (collecting) {
      const piece = chunk.subarray(recStart);
      if (!recTooBig) {
        recLen += piece.length;
        if (recLen > maxRecord) {
          recTooBig = true;
          recParts = [];
          recLen = 0;
        } else recParts.push(Buffer.from(piece));
      }
      recStart = 0;
    }
    offset += n;
  }
  if (collecting) {
    if (recScalar && depth === recDepth && !inString) {
      yield finish(Buffer.alloc(0), 0);
    } else {
      const loc = location();
      yield {
        kind: 'error',
        location: loc,
        reason: `the file ends inside ${inTopArray ? `array element ${loc.index + 1}` : 'the document'} that starts at line ${loc.line} (truncated file?)`,
      };
    }
  } else if (depth > 0 || inTopArray) {
    yield {
      kind: 'error',
      location: { file: path, line, byteOffset: offset, index: index++ },
      reason: 'the file ends before the top-level array is closed (truncated file?); the elements before it were read',
    };
  }
}

/** CSV with a header row: each row becomes a header → cell object. */
async function* readCsv(path: string, stream: Readable): AsyncGenerator<ReadItem> {
  const parser = stream.pipe(
    parseCsv({ columns: true, bom: true, info: true, skip_records_with_error: true, relax_quotes: false, trim: false }),
  );
  const skipped: ReadItem[] = [];
  let index = 0;
  parser.on('skip', (err: Error & { lines?: number }) => {
    skipped.push({
      kind: 'error',
      location: { file: path, line: err.lines ?? 0, byteOffset: 0, index: index++ },
      reason: `CSV row is malformed: ${err.message}`,
    });
  });
  for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; bytes: number } }>) {
    while (skipped.length > 0) yield skipped.shift() as ReadItem;
    yield {
      kind: 'record',
      value: row.record,
      location: { file: path, line: row.info.lines, byteOffset: row.info.bytes, index: index++ },
      bytes: 0,
    };
  }
  while (skipped.length > 0) yield skipped.shift() as ReadItem;
}
