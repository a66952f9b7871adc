/**
 * Keeps the fragments of recently seen traces in memory so that most traces are assembled as soon as
 * the reader has moved past them, without reading their fragments back from SQLite. Memory stays
 * bounded (an idle limit in records and a byte cap). A trace whose fragments were already staged before
 * its window entry opened (an earlier import, or an earlier eviction in this one) is assembled from the
 * store instead, so the result never depends on what happened to be in memory.
 */
import type { Json } from '../model/trace.js';
import type { FormatParser } from '../ingest/format.js';

/** The fragments of one trace key gathered while reading. */
export interface WindowEntry<P = Json> {
  parser: FormatParser;
  file: string;
  traceKey: string;
  /** Payloads by fragment id (only fragments first staged by this entry), in whatever form the caller keeps them. */
  fragments: Map<string, P>;
  /** True when the store held fragments of this key before the entry opened: assemble from the store. */
  fromStore: boolean;
  lastSeen: number;
  bytes: number;
}

/** Limits of the window. */
export interface WindowLimits {
  /** Assemble a trace once this many records have passed without a fragment of it. */
  idleRecords: number;
  /** Assemble the least recently touched traces while the window holds more payload bytes than this. */
  maxBytes: number;
}

/** An LRU of open traces; `onAssemble` is called once per entry as it leaves the window. */
export class FragmentWindow<P = Json> {
  private readonly open = new Map<string, WindowEntry<P>>();
  private bytes = 0;

  constructor(
    private readonly limits: WindowLimits,
    private readonly onAssemble: (entry: WindowEntry<P>) => void,
  ) {}

  /** True when a trace key has an open entry. */
  has(formatId: string, traceKey: string): boolean {
    return this.open.has(`${formatId}\u0000${traceKey}`);
  }

  /** Note a staged fragment. `storedBefore` (were fragments of this key staged already?) counts only when the key opens a new entry. */
  add(
    parser: FormatParser,
    file: string,
    traceKey: string,
    fragmentId: string,
    payload: P,
    payloadBytes: number,
    recordNo: number,
    storedBefore: boolean,
  ): void {
    const key = `${parser.id}\u0000${traceKey}`;
    let entry = this.open.get(key);
    if (entry) this.open.delete(key);
    else {
      entry = { parser, file, traceKey, fragments: new Map(), fromStore: storedBefore, lastSeen: recordNo, bytes: 0 };
    }
    if (!entry.fromStore && !entry.fragments.has(fragmentId)) {
      entry.fragments.set(fragmentId, payload);
      entry.bytes += payloadBytes;
      this.bytes += payloadBytes;
    }
    entry.lastSeen = recordNo;
    this.open.set(key, entry); // re-insert: the map stays in least-recently-touched order
  }

  /** Assemble the entries that went idle or that overflow the byte cap. */
  evict(recordNo: number): void {
    for (const [key, entry] of this.open) {
      const idle = recordNo - entry.lastSeen > this.limits.idleRecords;
      if (!idle && this.bytes <= this.limits.maxBytes) break;
      this.close(key, entry);
    }
  }

  /** Assemble everything still open. */
  flush(): void {
    while (this.closeOldest());
  }

  /** Assemble the least recently touched entry; false when none is open. */
  closeOldest(): boolean {
    for (const [key, entry] of this.open) {
      this.close(key, entry);
      return true;
    }
    return false;
  }

  /** Number of traces still open. */
  get size(): number {
    return this.open.size;
  }

  private close(key: string, entry: WindowEntry<P>): void {
    this.open.delete(key);
    this.bytes -= entry.bytes;
    this.onAssemble(entry);
  }
}
