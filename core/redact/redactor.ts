/**
 * The redactor: masks PII in texts, JSON values and whole trace drafts with consistent placeholders,
 * and scans output for leaks before it is written anywhere.
 */
import type { Json, TraceDraft } from '../model/trace.js';
import { parseRedactionConfig, type RedactionConfig, type RedactionConfigInput } from './config.js';
import { createDetector, type Detector } from './detect.js';
import { isPlaceKey, SensitiveKeys } from './keys.js';
import { BoundedCache } from './recognizers/context.js';
import { sameOrCopy } from './copy-on-write.js';
import { faithfulJson, jsonContainer, keepsEveryValue, rewriteJsonText } from './json-text.js';
import { isPlaceholder, type Pseudonymizer } from './pseudonymizer.js';
import { RedactionReport, type FieldClass } from './report.js';
import { scoreRecords, type LabeledRecord, type ScoreOptions, type ScoreReport } from './score.js';
import type { Finding } from './types.js';

const NONE_FOUND: readonly Finding[] = Object.freeze([]);

/** Longest path (in segments) a leak hit reports; deeper paths keep their last segments. */
const MAX_PATH_SEGMENTS = 40;

export interface RedactOptions {
  /** Counts are added here (created per call when absent). */
  report?: RedactionReport;
  /** Field class the counts are filed under. */
  field?: FieldClass;
  /**
   * Called with each string masked because its own key is sensitive (`first_name: "Aarav"`), so the
   * caller can chase the value through the rest of the record without walking it again. `key` is that
   * key; undefined for a field that names a person by what it is (a user message's name).
   */
  onSensitiveValue?: (type: string, value: string, key?: string) => void;
}

/** One PII hit found by the leak scan: where, and of which type; never the value. */
export interface LeakHit {
  type: string;
  /** JSON path of the string (`messages[2].text`), '' for a plain text; a key with PII in it is named by position (`contacts{key 1}`). */
  path: string;
  /** Offset and length inside that string. */
  offset: number;
  length: number;
  /** True when the hit is a raw value under a sensitive key rather than a recognizer finding. */
  sensitiveKey?: boolean;
}

export interface Redactor {
  readonly config: RedactionConfig;
  /** Non-overlapping findings in `text`, sorted by start (what would be masked). */
  detect(text: string): Finding[];
  /** `text` with every finding replaced by its placeholder. */
  redactText(text: string, pseudonymizer: Pseudonymizer, options?: RedactOptions): string;
  /** A copy of `value` with strings redacted and sensitive keys' values masked; keys and structure kept. */
  redactJson(value: Json, pseudonymizer: Pseudonymizer, options?: RedactOptions): Json;
  /** A redacted copy of a trace draft (ids kept; userId pseudonymised). */
  redactTrace(draft: TraceDraft, pseudonymizer: Pseudonymizer, report?: RedactionReport, onSensitiveValue?: RedactOptions['onSensitiveValue']): TraceDraft;
  /** PII still present in a text or JSON value (for the eval-folder writer: any hit blocks the write). */
  leakScan(input: string | Json): LeakHit[];
  /** Precision/recall/F2 per type over a labeled corpus (and, when asked, each error). */
  scoreCorpus(records: Iterable<LabeledRecord>, options?: ScoreOptions): ScoreReport;
}

interface Frame {
  src: Json[] | { [key: string]: Json };
  /** The copy, made on the first change inside this container (null while unchanged). */
  dst: Json[] | { [key: string]: Json } | null;
  keys: string[] | null;
  /** The keys as written to the copy, where some key held PII (`keys` otherwise). */
  names: string[] | null;
  i: number;
  /** Type of the sensitive key this container sits under, if any: every leaf is masked. */
  sensitive: string | undefined;
  parent: Frame | null;
  /** Index or key of this container in its parent. */
  at: string | number;
}

/** Compact JSON text of a tool call's raw result → its redacted text and the counts masking it took. */
interface ResultMemo {
  /** By the call's id, which the tool message names: found without hashing the message text. */
  byId: Map<string, { raw: string; text: string; report: RedactionReport }>;
  /** By the raw JSON text, for calls without an id. */
  byText: Map<string, { raw: string; text: string; report: RedactionReport }>;
}

/**
 * Whether a JSON key is worth detecting in: snake_case identifiers ("order_id", "max_tokens"), most keys
 * of all, cannot hold an email, a phone number, a name or an address.
 */
function keyMayHoldPii(k: string): boolean {
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || c === 95)) return true;
  }
  return false;
}

/** A copy of `src` with its keys `ks` renamed to `names` (same order; fromEntries, so "__proto__" stays a plain key). */
function renamed(src: { [key: string]: Json }, ks: readonly string[], names: readonly string[]): { [key: string]: Json } {
  return Object.fromEntries(ks.map((k, i) => [names[i] as string, src[k] as Json])) as { [key: string]: Json };
}

/** True when a PERSON finding opens the text and runs to its end or to a comma ("Austin" in "Austin, TX"). */
function placeName(text: string, f: Finding): boolean {
  for (let i = 0; i < f.start; i++) if (text.charCodeAt(i) > 32) return false;
  for (let i = f.end; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) return true;
    if (c > 32) return false;
  }
  return true;
}

function isContainer(v: Json): v is Json[] | { [key: string]: Json } {
  return typeof v === 'object' && v !== null;
}

/** Creates a redactor from a config object (validated; a bad custom regex throws RedactionConfigError naming it). */
export function createRedactor(config: RedactionConfigInput | RedactionConfig = {}): Redactor {
  const cfg = parseRedactionConfig(config);
  const detector: Detector = createDetector(cfg);
  const keys = new SensitiveKeys(cfg.sensitiveKeys);
  const placeKeys = new BoundedCache<boolean>();
  /** True when `f` is a PERSON finding that names the place a value under the place key `key` holds ("Austin, TX"). */
  const isPlaceValue = (text: string, f: Finding, key: string | undefined): boolean =>
    key !== undefined && f.type === 'PERSON' && placeName(text, f) && placeKeys.get(key, isPlaceKey, key);
  /** Objects whose keys were masked so far (redactJsonText serialises again where the rewrite cannot match keys). */
  let renamedKeys = 0;

  /**
   * `text` with its findings masked. `key` is the JSON key the text is the value of: under a place key
   * (`city`, `location`) a name that opens the value is the place ("Austin, TX"), so it stays.
   */
  function redactText(text: string, p: Pseudonymizer, options?: RedactOptions, key?: string): string {
    if (text.length === 0) return text;
    const found = detector.detectShared(text);
    if (found.length === 0) return text;
    const report = options?.report;
    const field = options?.field ?? 'text';
    let out = '';
    let pos = 0;
    for (const f of found) {
      if (isPlaceValue(text, f, key)) continue;
      const value = text.slice(f.start, f.end);
      out += text.slice(pos, f.start) + p.placeholder(f.type, value);
      pos = f.end;
      report?.add(f.type, field);
      // A value under a sensitive key in text (YAML, a tool output cut short) is chased like one in JSON.
      if (f.key !== undefined) options?.onSensitiveValue?.(f.type, value, f.key);
    }
    return out + text.slice(pos);
  }

  /** The type of a JSON number that is itself PII (a card number written as a number), or undefined. */
  function numberType(v: number): string | undefined {
    // Fifteen or sixteen digits starting 2-6 (the card brands): numbers in JSON are mostly ids and epoch
    // times, and a millisecond or microsecond time (13 or 16 digits starting with 1) passes Luhn one time
    // in ten. Beyond 2^53 the digits were already lost in the parse.
    if (v < 2e14 || v >= 7e15 || !Number.isSafeInteger(v)) return undefined;
    const t = String(v);
    const f = detector.detectShared(t);
    return f.length === 1 && f[0]?.start === 0 && f[0].end === t.length ? f[0].type : undefined;
  }

  function maskWhole(type: string, v: Json, p: Pseudonymizer, report: RedactionReport | undefined, field: FieldClass): Json {
    if (typeof v === 'string') {
      if (v.trim() === '' || isPlaceholder(v)) return v;
      report?.add(type, field, true);
      return p.placeholder(type, v);
    }
    if (typeof v === 'number') {
      report?.add(type, field, true);
      return p.placeholder(type, String(v));
    }
    return v;
  }

  /** A JSON leaf string: JSON text inside it is redacted as JSON (see redactJsonText), anything else as text. */
  function redactString(s: string, p: Pseudonymizer, options: RedactOptions & { report: RedactionReport }, key: string | undefined): string {
    const parsed = jsonContainer(s);
    const out = parsed !== undefined ? redactJsonText(s, parsed, p, options) : undefined;
    return out ?? redactText(s, p, options, key);
  }

  /**
   * JSON text (a tool result as the model saw it, a JSON string in an attribute) redacted as JSON: sensitive
   * keys mask their values, the same placeholders as everywhere else. Compact text is written again by
   * JSON.stringify; any other layout (Python's `"key": "value"`, indented text) keeps its bytes except the
   * masked values. Undefined when the text holds a value JSON.parse dropped (a key given twice keeps only
   * the last) or nests too deep to serialise: the caller then masks it as plain text, so nothing hidden
   * behind a repeated key is stored unmasked.
   */
  function redactJsonText(s: string, parsed: Json[] | { [key: string]: Json }, p: Pseudonymizer, opts: RedactOptions & { report: RedactionReport }): string | undefined {
    const own = new RedactionReport();
    const renamedBefore = renamedKeys;
    const red = redactJson(parsed, p, { ...opts, report: own });
    let out: string | undefined;
    try {
      const renamed = renamedKeys !== renamedBefore;
      // Nothing masked: the text stands, once the count of its keys shows that the parse kept every value.
      if (own.total === 0 && !renamed) out = keepsEveryValue(s, parsed) ? s : undefined;
      // Equal to its own compact serialisation, the text has no repeated key and no other layout.
      else if (JSON.stringify(parsed) === s) out = JSON.stringify(red);
      // The walk writes masked keys and values back into the text's own layout, and refuses text with a
      // repeated key itself; where it cannot match keys (index keys in a renamed object) the text is serialised again.
      else out = rewriteJsonText(s, parsed, red) ?? (renamed && keepsEveryValue(s, parsed) ? JSON.stringify(red) : undefined);
    } catch {
      out = undefined;
    }
    if (out !== undefined) opts.report.merge(own);
    return out;
  }

  function redactJson(value: Json, p: Pseudonymizer, options?: RedactOptions): Json {
    const report = options?.report ?? new RedactionReport();
    const field = options?.field ?? 'json';
    const onSensitiveValue = options?.onSensitiveValue;
    const opts = { report, field, onSensitiveValue };
    const leaf = (v: Json, sensitive: string | undefined, key: string | undefined): Json => {
      if (sensitive !== undefined) return maskWhole(sensitive, v, p, report, field);
      if (typeof v === 'string') return redactString(v, p, opts, key);
      const type = typeof v === 'number' ? numberType(v) : undefined;
      return type !== undefined ? maskWhole(type, v, p, report, field) : v;
    };
    if (!isContainer(value)) return leaf(value, undefined, undefined);
    const mk = (src: Json[] | { [key: string]: Json }, sensitive: string | undefined, parent: Frame | null, at: string | number): Frame => {
      const ks = Array.isArray(src) ? null : Object.keys(src);
      const fr: Frame = { src, dst: null, keys: ks, names: ks === null ? null : maskedKeys(ks, p, report, field), i: 0, sensitive, parent, at };
      // A key that held PII is written under its placeholder, so the object is copied even if no value changes.
      if (fr.names !== null) own(fr);
      return fr;
    };
    // Copy-on-write: a container is copied only when a value inside it changes, and then its ancestors too,
    // so an unchanged subtree comes back as the same object without allocating.
    const own = (fr: Frame): Json[] | { [key: string]: Json } => {
      if (fr.dst !== null) return fr.dst;
      // Iterative (not recursive): the chain of uncopied ancestors can be 100,000 levels deep.
      const chain: Frame[] = [];
      for (let f: Frame | null = fr; f !== null && f.dst === null; f = f.parent) chain.push(f);
      for (let k = chain.length - 1; k >= 0; k--) {
        const f = chain[k] as Frame;
        const copy: Json[] | { [key: string]: Json } = Array.isArray(f.src) ? f.src.slice() : f.names === null ? { ...f.src } : renamed(f.src, f.keys as string[], f.names);
        f.dst = copy;
        if (f.parent !== null) ((f.parent.dst as Record<string | number, Json>)[f.at] = copy);
      }
      return fr.dst as unknown as Json[] | { [key: string]: Json };
    };
    const root = mk(value, undefined, null, 0);
    // An explicit stack, so that hostile inputs nested 100,000 levels deep cannot overflow the call stack.
    const stack: Frame[] = [root];
    while (stack.length > 0) {
      const fr = stack[stack.length - 1] as Frame;
      let at: string | number;
      let v: Json;
      let sensitive: string | undefined;
      if (fr.keys === null) {
        const src = fr.src as Json[];
        if (fr.i >= src.length) {
          stack.pop();
          continue;
        }
        at = fr.i++;
        v = src[at] as Json;
        sensitive = fr.sensitive;
      } else {
        if (fr.i >= fr.keys.length) {
          stack.pop();
          continue;
        }
        const src = fr.src as { [key: string]: Json };
        at = fr.keys[fr.i++] as string;
        v = src[at] as Json;
        const own = fr.sensitive === undefined || onSensitiveValue !== undefined ? keys.typeOf(at, src) : undefined;
        sensitive = fr.sensitive ?? own;
        if (own !== undefined && onSensitiveValue !== undefined && typeof v === 'string') onSensitiveValue(own, v, at);
      }
      // Where the value sits in the copy: under its key's placeholder when the key held PII.
      const name = fr.names !== null ? (fr.names[fr.i - 1] as string) : at;
      if (isContainer(v)) {
        stack.push(mk(v, sensitive, fr, name));
        continue;
      }
      const r = leaf(v, sensitive, typeof at === 'string' ? at : undefined);
      if (r !== v) (own(fr) as Record<string | number, Json>)[name] = r;
    }
    return root.dst ?? value;
  }

  /**
   * The keys of an object with PII in them masked ("jane@example.com" → "<EMAIL_1>"), or null when none
   * is (the common case, found without allocating). A masked key that would clash with another key of the
   * object gets a " (2)" suffix, so no value is lost.
   */
  function maskedKeys(ks: string[], p: Pseudonymizer, report: RedactionReport, field: FieldClass): string[] | null {
    let names: string[] | null = null;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i] as string;
      if (!keyMayHoldPii(k) || detector.detectShared(k).length === 0) continue;
      names ??= ks.slice();
      names[i] = redactText(k, p, { report, field });
    }
    if (names === null) return null;
    renamedKeys++;
    const taken = new Set<string>();
    for (let i = 0; i < names.length; i++) {
      let n = names[i] as string;
      for (let c = 2; taken.has(n); c++) n = `${names[i] as string} (${c})`;
      taken.add(n);
      names[i] = n;
    }
    return names;
  }

  /**
   * A message text that is JSON (a tool result as the model saw it) is redacted like the tool call's JSON:
   * sensitive keys masked whole, the same placeholders as in toolCalls[].result. The text keeps its layout
   * (whitespace, key order, escapes); only the masked values change.
   */
  function redactMessageText(
    s: string,
    p: Pseudonymizer,
    opts: RedactOptions & { report: RedactionReport },
    results: ResultMemo | undefined,
    toolCallId: string | undefined,
  ): string {
    const c = s.charCodeAt(0);
    let known = toolCallId !== undefined ? results?.byId.get(toolCallId) : undefined;
    if (known === undefined || known.raw !== s) known = results !== undefined && results.byText.size > 0 ? results.byText.get(s) : undefined;
    if (known !== undefined) {
      opts.report.mergeAs(known.report, opts.field ?? 'message.text');
      return known.text;
    }
    const parsed = c === 123 || c === 91 ? jsonContainer(s) : undefined;
    const out = parsed !== undefined ? redactJsonText(s, parsed, p, opts) : undefined;
    if (out !== undefined) return out;
    return redactText(s, p, opts);
  }

  function redactTrace(
    draft: TraceDraft,
    p: Pseudonymizer,
    report: RedactionReport = new RedactionReport(),
    onSensitiveValue?: RedactOptions['onSensitiveValue'],
  ): TraceDraft {
    const text = (s: string | undefined, field: FieldClass): string | undefined => (s === undefined ? undefined : redactText(s, p, { report, field }));
    const json = (v: Json, field: FieldClass): Json => redactJson(v, p, { report, field, onSensitiveValue });
    // A tool message usually carries its call's result again as compact JSON: when the trace has such
    // messages, each result is redacted once and its redacted JSON text reused for the message.
    const results: ResultMemo | undefined = draft.messages.some((m) => m.role === 'tool' && (m.text.charCodeAt(0) === 123 || m.text.charCodeAt(0) === 91))
      ? { byId: new Map(), byText: new Map() }
      : undefined;
    const result = (v: Json, callId: string | undefined): Json => {
      if (results === undefined || !isContainer(v)) return json(v, 'toolCall.result');
      const own = new RedactionReport();
      const red = redactJson(v, p, { report: own, field: 'toolCall.result', onSensitiveValue });
      report.merge(own);
      const raw = JSON.stringify(v);
      const entry = { raw, text: own.total === 0 ? raw : JSON.stringify(red), report: own };
      if (callId !== undefined && callId !== '') results.byId.set(callId, entry);
      else results.byText.set(raw, entry);
      return red;
    };
    const doc = (d: TraceDraft['messages'][number]['documents'][number]): typeof d => {
      const uri = text(d.uri, 'document');
      const title = text(d.title, 'document');
      const body = text(d.text, 'document');
      if (uri === d.uri && title === d.title && body === d.text) return d;
      return { ...d, ...(d.uri !== undefined ? { uri } : {}), ...(d.title !== undefined ? { title } : {}), ...(d.text !== undefined ? { text: body } : {}) };
    };
    const out: TraceDraft = {
      ...draft,
      // Copy-on-write: a message, call or document comes back as the same object when nothing in it changed.
      messages: draft.messages.map((m) => {
        const t = redactMessageText(m.text, p, { report, field: 'message.text', onSensitiveValue }, results, m.toolCallId);
        if (m.name !== undefined && m.role === 'user') onSensitiveValue?.('PERSON', m.name);
        // A user's name is the person; another role's is an agent's or a tool's name, which code chose
        // until a source puts a person's name there (a human agent taking over the chat).
        const name = m.name === undefined ? undefined : m.role === 'user' ? (maskWhole('PERSON', m.name, p, report, 'message.name') as string) : text(m.name, 'message.name');
        const toolCalls = sameOrCopy(m.toolCalls, (c) => {
          const toolName = text(c.name, 'toolCall.name') as string;
          const args = json(c.arguments, 'toolCall.arguments');
          const res = c.result !== undefined ? result(c.result, c.id) : undefined;
          const error = c.error !== undefined ? text(c.error, 'toolCall.error') : undefined;
          if (toolName === c.name && args === c.arguments && res === c.result && error === c.error) return c;
          return { ...c, name: toolName, arguments: args, ...(c.result !== undefined ? { result: res as Json } : {}), ...(c.error !== undefined ? { error } : {}) };
        });
        const documents = sameOrCopy(m.documents, doc);
        const citations = sameOrCopy(m.citations, doc);
        if (t === m.text && name === m.name && toolCalls === m.toolCalls && documents === m.documents && citations === m.citations) return m;
        return { ...m, text: t, ...(name !== undefined ? { name } : {}), toolCalls, documents, citations };
      }),
      spans: draft.spans.map((s) => ({
        ...s,
        // Span names are code's names ("ChatOpenAI", "lookup_order") until code puts a value in one.
        name: text(s.name, 'span.name') as string,
        kind: text(s.kind, 'span.name') as string,
        attributes: json(s.attributes, 'span.attributes') as Record<string, Json>,
        ...(s.statusMessage !== undefined ? { statusMessage: text(s.statusMessage, 'span.statusMessage') } : {}),
      })),
      metadata: json(draft.metadata, 'metadata') as Record<string, Json>,
      outcome: {
        ...draft.outcome,
        feedback: draft.outcome.feedback.map((f) => ({
          ...f,
          ...(f.name !== undefined ? { name: text(f.name, 'outcome.feedback') } : {}),
          ...(f.comment !== undefined ? { comment: text(f.comment, 'outcome.feedback') } : {}),
        })),
      },
      agent: {
        ...draft.agent,
        ...(draft.agent.name !== undefined ? { name: text(draft.agent.name, 'trace.agent') } : {}),
        ...(draft.agent.version !== undefined ? { version: text(draft.agent.version, 'trace.agent') } : {}),
        ...(draft.agent.model !== undefined ? { model: text(draft.agent.model, 'trace.agent') } : {}),
      },
    };
    if (draft.error !== undefined) out.error = text(draft.error, 'trace.error');
    // Intent and stakes are labels, but a mapping can point them at any field of the source.
    if (draft.intent !== undefined) out.intent = text(draft.intent, 'trace.label');
    if (draft.stakes !== undefined) out.stakes = text(draft.stakes, 'trace.label');
    if (draft.userId !== undefined) onSensitiveValue?.('USER', draft.userId);
    if (draft.userId !== undefined && draft.userId !== '' && !isPlaceholder(draft.userId)) {
      out.userId = p.placeholder('USER', draft.userId);
      report.add('USER', 'trace.userId', true);
    }
    return out;
  }

  function leakScan(input: string | Json): LeakHit[] {
    const hits: LeakHit[] = [];
    // The same rule as redactText: a name that opens a value under a place key is the place.
    const scanString = (s: string, path: string, key: string | undefined): void => {
      for (const f of detector.detect(s)) {
        if (isPlaceValue(s, f, key)) continue;
        hits.push({ type: f.type, path, offset: f.start, length: f.end - f.start });
      }
    };
    // A string that is JSON text is scanned as JSON, as a tool message's text is redacted.
    const root = typeof input === 'string' ? faithfulJson(input) : isContainer(input) ? input : undefined;
    if (root === undefined) {
      if (typeof input === 'string') scanString(input, '', undefined);
      return hits;
    }
    interface ScanFrame {
      v: Json[] | { [key: string]: Json };
      keys: string[] | null;
      i: number;
      parent: ScanFrame | null;
      seg: string;
      sensitive: string | undefined;
    }
    const pathOf = (fr: ScanFrame, last: string): string => {
      const segs = [last];
      for (let f: ScanFrame | null = fr; f !== null && f.parent !== null; f = f.parent) {
        if (segs.length >= MAX_PATH_SEGMENTS) {
          segs.push('…');
          break;
        }
        segs.push(f.seg);
      }
      return segs.reverse().join('').replace(/^\./, '');
    };
    const mk = (v: Json[] | { [key: string]: Json }, parent: ScanFrame | null, seg: string, sensitive: string | undefined): ScanFrame => ({
      v,
      keys: Array.isArray(v) ? null : Object.keys(v),
      i: 0,
      parent,
      seg,
      sensitive,
    });
    const stack: ScanFrame[] = [mk(root, null, '', undefined)];
    while (stack.length > 0) {
      const fr = stack[stack.length - 1] as ScanFrame;
      const n = fr.keys === null ? (fr.v as Json[]).length : fr.keys.length;
      if (fr.i >= n) {
        stack.pop();
        continue;
      }
      const idx = fr.i++;
      const key = fr.keys === null ? undefined : (fr.keys[idx] as string);
      const v = key === undefined ? ((fr.v as Json[])[idx] as Json) : ((fr.v as { [k: string]: Json })[key] as Json);
      // A key with PII in it is a hit itself, and is named by its position: the path must not repeat it.
      const keyFound = key !== undefined && keyMayHoldPii(key) ? detector.detectShared(key) : NONE_FOUND;
      const seg = key === undefined ? `[${idx}]` : keyFound.length > 0 ? `{key ${idx + 1}}` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
      for (const f of keyFound) hits.push({ type: f.type, path: pathOf(fr, seg), offset: f.start, length: f.end - f.start });
      const sensitive = fr.sensitive ?? (key === undefined ? undefined : keys.typeOf(key, fr.v as { [k: string]: Json }));
      if (isContainer(v)) {
        stack.push(mk(v, fr, seg, sensitive));
        continue;
      }
      if (sensitive !== undefined && (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !isPlaceholder(v)))) {
        hits.push({ type: sensitive, path: pathOf(fr, seg), offset: 0, length: String(v).length, sensitiveKey: true });
      } else if (typeof v === 'number') {
        const type = numberType(v);
        if (type !== undefined) hits.push({ type, path: pathOf(fr, seg), offset: 0, length: String(v).length });
      } else if (typeof v === 'string') {
        // JSON held in a string (a tool message's text) was redacted as JSON, by its keys: scanned the same way.
        const parsed = faithfulJson(v);
        if (parsed !== undefined) stack.push(mk(parsed, fr, seg, undefined));
        else scanString(v, pathOf(fr, seg), key);
      }
    }
    return hits;
  }

  return {
    config: cfg,
    detect: (text) => detector.detect(text),
    redactText,
    redactJson,
    redactTrace,
    leakScan,
    scoreCorpus: (records, options) => scoreRecords(records, detector, options),
  };
}

let defaultRedactor: Redactor | undefined;

/** Leak scan with the default configuration (every recognizer on). */
export function leakScan(input: string | Json): LeakHit[] {
  defaultRedactor ??= createRedactor();
  return defaultRedactor.leakScan(input);
}

/** Scores the default redactor against a labeled corpus (see score.ts for the matching rules). */
export function scoreCorpus(records: Iterable<LabeledRecord>, redactor?: Redactor): ScoreReport {
  defaultRedactor ??= createRedactor();
  return (redactor ?? defaultRedactor).scoreCorpus(records);
}
