/**
 * Redaction inside the import stream (design.md: redact runs before anything is stored). Drafts and
 * fragments are redacted before they reach SQLite; placeholders are consistent within a conversation,
 * across import runs, through pseudonymizer state kept per scope in the store (keyed hashes only).
 *
 * Scopes: a draft is redacted in its conversation's scope (`conv:<id>`), or its own (`trace:<format>:<id>`).
 * A fragment does not know its conversation yet, so it is redacted in its trace's scope
 * (`frag:<format>:<traceKey>`) and, once assembled, its placeholders are moved into the conversation's
 * scope through their keys, so turn 2 calls the customer's email what turn 1 called it.
 *
 * Scope names are stored, so they are built from the ids as stored (core/redact/stored-id.ts): an id
 * with PII in it is its type and a keyed hash. Both sides of a threaded import name scopes this way.
 */
import type { FormatId, Json, TraceDraft } from '../model/trace.js';
import type { Fragment } from '../ingest/format.js';
import { createKeyedHash, createRedactor, isPlaceholder, storedIds, worthChasing, PLACEHOLDER_IN_TEXT, Pseudonymizer, PseudonymizerState, RedactionReport, type IdKind, type KeyedHash, type Redactor, type StoredId, sameOrCopy } from '../redact/index.js';
import type { RedactionConfigInput, FieldClass } from '../redact/index.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Collects the values the redactor masked because their own key was sensitive (value → type), keeping
 * those worth chasing (`worthChasing`).
 */
function sensitiveCollector(): { found: Map<string, string>; add: (type: string, value: string, key?: string) => void } {
  const found = new Map<string, string>();
  return {
    found,
    add: (type, value, key) => {
      if (worthChasing(type, value, key)) found.set(value.trim(), type);
    },
  };
}

/**
 * A value a tool result holds under a sensitive key (first_name: "Aarav") is PII wherever it appears,
 * even where the recognizers would not spot it ("one passenger: Aarav Garcia"): mask its other
 * occurrences in the same record with the same placeholder.
 */
function propagate<T>(found: ReadonlyMap<string, string>, redacted: T, p: Pseudonymizer): T {
  if (found.size === 0) return redacted;
  const values = [...found.keys()];
  let shortest = Infinity;
  for (const v of values) shortest = Math.min(shortest, v.length);
  // The recognizers have usually masked these values already: only strings that still contain one (a
  // native substring search) pay for the pattern, which is compiled only when some string needs it.
  let re: RegExp | undefined;
  const contains = (s: string): boolean => {
    if (s.length < shortest) return false;
    for (const v of values) if (s.indexOf(v) >= 0) return true;
    return false;
  };
  const replace = (s: string): string => {
    if (!contains(s)) return s;
    re ??= new RegExp(
      `(?<![\\p{L}\\p{N}_])(?:${values
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|')})(?![\\p{L}\\p{N}_])`,
      'gu',
    );
    return s.replace(re, (m: string) => {
      const type = found.get(m);
      return type === undefined ? m : p.placeholder(type, m);
    });
  };
  return mapStrings(redacted as unknown as Json, replace) as unknown as T;
}
/** Scopes kept open in memory by default; the least recently used is saved and closed beyond this. */
const MAX_OPEN_SCOPES = 2000;

/**
 * Apply `fn` to every string in a JSON value (keys kept). Copy-on-write: a container comes back as the
 * same object when nothing inside it changed, so a pass that changes nothing allocates nothing.
 */
function mapStrings(value: Json, fn: (s: string) => string): Json {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) {
    let out: Json[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i] as Json;
      const m = mapStrings(v, fn);
      if (m !== v) (out ??= value.slice())[i] = m;
    }
    return out ?? value;
  }
  if (value !== null && typeof value === 'object') {
    let out: Record<string, Json> | undefined;
    for (const k of Object.keys(value)) {
      const v = value[k] as Json;
      const m = mapStrings(v, fn);
      if (m !== v) (out ??= { ...value })[k] = m;
    }
    return out ?? value;
  }
  return value;
}

/** The redaction step of an import (run by a redaction runner), with the report it accumulates. */
export interface RedactionTransform {
  readonly report: RedactionReport;
  /** How this transform stores ids (the same store the import maps fragment keys with, inline). */
  readonly ids: IdStore;
  /** A draft straight from a parser. */
  draft(draft: TraceDraft): TraceDraft;
  /** A fragment, before it is staged. */
  fragment(format: FormatId, fragment: Fragment): Fragment;
  /** A draft assembled from already-redacted fragments: its placeholders move into its conversation's scope. */
  assembled(format: FormatId, traceKey: string, draft: TraceDraft): TraceDraft;
  /** Save the state of every scope touched since the last save that allocated placeholders (inside the transaction). */
  beforeCommit(): void;
  /** Forget an open scope without saving it (its owner saved it already); it is reloaded on next use. */
  drop(scope: string): void;
}

/** Where saved placeholder states live: the store's pseudonym repository, or a thread's stand-in for it. */
export interface PseudonymStates {
  /** The saved state of a scope (unvalidated JSON), or undefined. */
  get(scope: string): unknown;
  /** Save a scope's state, given as JSON text. */
  put(scope: string, stateJson: string): void;
}

/** How an import stores ids (core/redact/stored-id.ts), with the verdicts kept. */
export type IdStore = (kind: IdKind, id: string) => StoredId;

/** The id store of an import with this redactor and placeholder key. */
export function createIdStore(redactor: Redactor, hash: KeyedHash): IdStore {
  return storedIds((t) => redactor.detect(t), hash);
}

/**
 * `d` with its conversation id and source trace id as they are stored (the same object when neither
 * changes); `hidden` hears the type each one hid, with the report field it counts under.
 */
export function withStoredIds(d: TraceDraft, ids: IdStore, hidden?: (type: string, field: FieldClass) => void): TraceDraft {
  let conversationId = d.conversationId;
  if (conversationId !== undefined && conversationId !== '') {
    const s = ids('conversation', conversationId);
    if (s.hidden !== undefined) hidden?.(s.hidden, 'trace.conversationId');
    conversationId = s.id;
  }
  const source = ids('trace', d.source.sourceTraceId);
  if (source.hidden !== undefined) hidden?.(source.hidden, 'trace.sourceTraceId');
  if (conversationId === d.conversationId && source.id === d.source.sourceTraceId) return d;
  return { ...d, conversationId, source: { ...d.source, sourceTraceId: source.id } };
}

/**
 * `d` with the ids inside it (tool call, span and document ids) as they are stored, and a count of those
 * that hid PII. Calls and their results, spans and their parents, stay linked: one id maps one way.
 */
export function withStoredInnerIds(d: TraceDraft, ids: IdStore, hidden: (type: string) => void): TraceDraft {
  const one = <T extends string | undefined>(kind: IdKind, id: T): T => {
    if (id === undefined || id === '') return id;
    const s = ids(kind, id);
    if (s.hidden !== undefined) hidden(s.hidden);
    return s.id as T;
  };
  const doc = (x: TraceDraft['messages'][number]['documents'][number]): typeof x => {
    const id = one('document', x.id);
    return id === x.id ? x : { ...x, id };
  };
  const messages = sameOrCopy(d.messages, (m) => {
    const toolCallId = one('call', m.toolCallId);
    const spanId = one('span', m.spanId);
    const toolCalls = sameOrCopy(m.toolCalls, (c) => {
      const id = one('call', c.id);
      return id === c.id ? c : { ...c, id };
    });
    const documents = sameOrCopy(m.documents, doc);
    const citations = sameOrCopy(m.citations, doc);
    if (toolCallId === m.toolCallId && spanId === m.spanId && toolCalls === m.toolCalls && documents === m.documents && citations === m.citations) return m;
    return { ...m, toolCallId, spanId, toolCalls, documents, citations };
  });
  const spans = sameOrCopy(d.spans, (sp) => {
    const spanId = one('span', sp.spanId);
    const parentSpanId = one('span', sp.parentSpanId);
    return spanId === sp.spanId && parentSpanId === sp.parentSpanId ? sp : { ...sp, spanId, parentSpanId };
  });
  return messages === d.messages && spans === d.spans ? d : { ...d, messages, spans };
}

/** A fragment under the keys it is staged by (its trace key and fragment id as stored). */
export function withStoredKeys(f: Fragment, ids: IdStore): Fragment {
  const traceKey = ids('trace', f.traceKey).id;
  const fragmentId = ids('span', f.fragmentId).id;
  return traceKey === f.traceKey && fragmentId === f.fragmentId ? f : { ...f, traceKey, fragmentId };
}

/** The scope a draft straight from a parser is redacted in (its ids as stored): its conversation's, or its own. */
export function draftScope(d: TraceDraft): string {
  return d.conversationId ? `conv:${d.conversationId}` : traceScope(d.source.format, d.source.sourceTraceId);
}

/** The own scope of a trace that belongs to no conversation. */
export function traceScope(format: FormatId, sourceTraceId: string): string {
  return `trace:${format}:${sourceTraceId}`;
}

/** The scope a fragment of a trace is redacted in, before the trace (and so its conversation) is known. */
export function fragmentScope(format: FormatId, traceKey: string, ids: IdStore): string {
  return `frag:${format}:${ids('trace', traceKey).id}`;
}

/** The scope an assembled draft's placeholders move to (its ids as stored). */
export function assembledScope(format: FormatId, traceKey: string, draft: TraceDraft, ids: IdStore): string {
  return draft.conversationId ? `conv:${draft.conversationId}` : fragmentScope(format, traceKey, ids);
}

/**
 * A damaged saved state would renumber placeholders the database already holds: the state validated,
 * or an error naming the scope.
 */
export function readSavedState(states: Pick<PseudonymStates, 'get'>, scope: string): PseudonymizerState | undefined {
  let saved: unknown;
  try {
    saved = states.get(scope);
  } catch (e) {
    throw new Error(`the saved placeholder state of ${scope} is not JSON (${(e as Error).message}); the database is damaged`);
  }
  if (saved === undefined) return undefined;
  const parsed = PseudonymizerState.safeParse(saved);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`the saved placeholder state of ${scope} is invalid at ${issue?.path.join('.') || 'the top'}: ${issue?.message ?? 'unknown'}; the database is damaged`);
  }
  return parsed.data;
}

/** Options of the redaction step. */
export interface RedactionOptions {
  /** The eval folder's `redaction:` section. */
  config?: RedactionConfigInput;
  /** Secret for the keyed hash behind placeholders (kept outside the database). */
  secretKey: Uint8Array;
  /** Scopes kept open in memory (default 2000); the least recently used is saved and closed beyond this. */
  maxOpenScopes?: number;
}

/** Create the redaction step of an import over a store (or anything that keeps states as the store does). */
export function createRedactionTransform(store: { pseudonyms: PseudonymStates }, options: RedactionOptions): RedactionTransform {
  const redactor: Redactor = createRedactor(options.config ?? {});
  const report = new RedactionReport();
  const hash = createKeyedHash(options.secretKey);
  // Open pseudonymizers, least recently used first; dirty ones are saved before every commit.
  const open = new Map<string, Pseudonymizer>();
  // Scopes used since the last save: only these can have allocated placeholders.
  const touched = new Set<string>();
  const maxOpen = options.maxOpenScopes ?? MAX_OPEN_SCOPES;

  const saveIfDirty = (scope: string, p: Pseudonymizer): void => {
    if (p.dirty) store.pseudonyms.put(scope, p.stateJson());
  };
  const scopeFor = (scope: string): Pseudonymizer => {
    let p = open.get(scope);
    if (p) open.delete(scope);
    else p = new Pseudonymizer(hash, readSavedState(store.pseudonyms, scope));
    open.set(scope, p);
    touched.add(scope);
    if (open.size > maxOpen) {
      const [oldScope, oldP] = open.entries().next().value as [string, Pseudonymizer];
      saveIfDirty(oldScope, oldP);
      open.delete(oldScope);
      touched.delete(oldScope);
    }
    return p;
  };

  // A conversation id can be the customer's phone number or email, a trace id anything a mapping points
  // at: such ids are stored as their type and a keyed hash (core/redact/stored-id.ts).
  const ids = createIdStore(redactor, hash);
  // Counted per trace, like every other masked value.
  const storedDraft = (d: TraceDraft): TraceDraft =>
    withStoredInnerIds(
      withStoredIds(d, ids, (type, field) => report.add(type, field, true)),
      ids,
      (type) => report.add(type, 'trace.ids', true),
    );

  return {
    report,
    ids,
    draft(input: TraceDraft): TraceDraft {
      const draft = storedDraft(input);
      const p = scopeFor(draftScope(draft));
      const sensitive = sensitiveCollector();
      const out = propagate(sensitive.found, redactor.redactTrace(draft, p, report, sensitive.add), p);
      // Ids stay as stored: the chase through the record (propagate) must not rewrite them.
      return { ...out, source: draft.source, conversationId: draft.conversationId };
    },
    fragment(format: FormatId, f: Fragment): Fragment {
      const p = scopeFor(fragmentScope(format, f.traceKey, ids));
      const sensitive = sensitiveCollector();
      const payload = propagate(sensitive.found, redactor.redactJson(f.payload, p, { report, field: 'span.attributes', onSensitiveValue: sensitive.add }), p);
      return { ...f, payload };
    },
    assembled(format: FormatId, traceKey: string, input: TraceDraft): TraceDraft {
      const draft = storedDraft(input);
      const from = scopeFor(fragmentScope(format, traceKey, ids));
      const to = scopeFor(assembledScope(format, traceKey, draft, ids));
      let out = draft;
      if (to !== from) {
        const move = (s: string): string =>
          s.indexOf('<') < 0
            ? s
            : s.replace(PLACEHOLDER_IN_TEXT, (ph: string, type: string) => {
                const key = from.keyOf(ph);
                return key === undefined ? ph : to.placeholderForKey(type, key);
              });
        out = mapStrings(draft as unknown as Json, move) as unknown as TraceDraft;
        // Ids are not placeholders: keep them exactly as assembled.
        out = { ...out, source: draft.source, conversationId: draft.conversationId };
      }
      // The user id came from span attributes; make it pseudonymous in the conversation's scope.
      if (out.userId !== undefined && !isPlaceholder(out.userId)) {
        out = { ...out, userId: to.placeholder('USER', out.userId) };
        report.add('USER', 'trace.userId', true);
      }
      return out;
    },
    beforeCommit(): void {
      for (const scope of touched) {
        const p = open.get(scope);
        if (p) saveIfDirty(scope, p);
      }
      touched.clear();
    },
    drop(scope: string): void {
      open.delete(scope);
      touched.delete(scope);
    },
  };
}
