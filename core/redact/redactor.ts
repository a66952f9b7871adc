/**
 * The redactor: masks PII in texts, JSON values and whole trace drafts with consistent placeholders,
 * and scans output for leaks before it is written anywhere.
 */
import type { Json, TraceDraft } from '../model/trace.js';
import { parseRedactionConfig, type RedactionConfig, type RedactionConfigInput } from './config.js';
import { createDetector, type Detector } from './detect.js';
import { SensitiveKeys } from './keys.js';
import { rewriteJsonText } from './json-text.js';
import { isPlaceholder, type Pseudonymizer } from './pseudonymizer.js';
import { RedactionReport, type FieldClass } from './report.js';
import { scoreRecords, type LabeledRecord, type ScoreOptions, type ScoreReport } from './score.js';
import type { Finding } from './types.js';

/** Longest path (in segments) a leak hit reports; deeper paths keep their last segments. */
const MAX_PATH_SEGMENTS = 40;

export interface RedactOptions {
  /** Counts are added here (created per call when absent). */
  report?: RedactionReport;
  /** Field class the counts are filed under. */
  field?: FieldClass;
  /**
   * Called with each string masked because its own key is sensitive (`first_name: "Aarav"`), so the
   * caller can chase the value through the rest of the record without walking it again.
   */
  onSensitiveValue?: (type: string, value: string) => void;
}

/** One PII hit found by the leak scan: where, and of which type; never the value. */
export interface LeakHit {
  type: string;
  /** JSON path of the string (`messages[2].text`), '' for a plain text. */
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
  i: number;
  /** Type of the sensitive key this container sits under, if any: every leaf is masked. */
  sensitive: string | undefined;
  parent: Frame | null;
  /** Index or key of this container in its parent. */
  at: string | number;
}

/** `xs` mapped with `fn`, or `xs` itself when `fn` returned every element unchanged. */
function sameOrCopy<T>(xs: T[], fn: (x: T) => T): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as T;
    const y = fn(x);
    if (y !== x) (out ??= xs.slice())[i] = y;
  }
  return out ?? xs;
}

/** Compact JSON text of a tool call's raw result → its redacted text and the counts masking it took. */
interface ResultMemo {
  /** By the call's id, which the tool message names: found without hashing the message text. */
  byId: Map<string, { raw: string; text: string; report: RedactionReport }>;
  /** By the raw JSON text, for calls without an id. */
  byText: Map<string, { raw: string; text: string; report: RedactionReport }>;
}

function isContainer(v: Json): v is Json[] | { [key: string]: Json } {
  return typeof v === 'object' && v !== null;
}

/** Creates a redactor from a config object (validated; a bad custom regex throws RedactionConfigError naming it). */
export function createRedactor(config: RedactionConfigInput | RedactionConfig = {}): Redactor {
  const cfg = parseRedactionConfig(config);
  const detector: Detector = createDetector(cfg);
  const keys = new SensitiveKeys(cfg.sensitiveKeys);

  function redactText(text: string, p: Pseudonymizer, options?: RedactOptions): string {
    if (text.length === 0) return text;
    const found = detector.detectShared(text);
    if (found.length === 0) return text;
    const report = options?.report;
    const field = options?.field ?? 'text';
    let out = '';
    let pos = 0;
    for (const f of found) {
      out += text.slice(pos, f.start) + p.placeholder(f.type, text.slice(f.start, f.end));
      pos = f.end;
      report?.add(f.type, field);
    }
    return out + text.slice(pos);
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

  function redactString(s: string, p: Pseudonymizer, options: RedactOptions & { report: RedactionReport }): string {
    const t = s.trimStart();
    const c = t[0];
    if ((c === '{' || c === '[') && s.length >= 2) {
      const end = s.trimEnd();
      if (end.endsWith('}') || end.endsWith(']')) {
        let parsed: Json | undefined;
        try {
          parsed = JSON.parse(s) as Json;
        } catch {
          parsed = undefined;
        }
        if (parsed !== undefined && isContainer(parsed)) {
          const before = options.report.total;
          const red = redactJson(parsed, p, options);
          if (options.report.total === before) return s;
          try {
            return JSON.stringify(red);
          } catch {
            // Too deep to serialise: fall back to masking the text as it is.
          }
        }
      }
    }
    return redactText(s, p, options);
  }

  function redactJson(value: Json, p: Pseudonymizer, options?: RedactOptions): Json {
    const report = options?.report ?? new RedactionReport();
    const field = options?.field ?? 'json';
    const onSensitiveValue = options?.onSensitiveValue;
    const opts = { report, field, onSensitiveValue };
    const leaf = (v: Json, sensitive: string | undefined): Json => {
      if (sensitive !== undefined) return maskWhole(sensitive, v, p, report, field);
      return typeof v === 'string' ? redactString(v, p, opts) : v;
    };
    if (!isContainer(value)) return leaf(value, undefined);
    const mk = (src: Json[] | { [key: string]: Json }, sensitive: string | undefined, parent: Frame | null, at: string | number): Frame => ({
      src,
      dst: null,
      keys: Array.isArray(src) ? null : Object.keys(src),
      i: 0,
      sensitive,
      parent,
      at,
    });
    // Copy-on-write: a container is copied only when a value inside it changes, and then its ancestors too,
    // so an unchanged subtree comes back as the same object without allocating.
    const own = (fr: Frame): Json[] | { [key: string]: Json } => {
      if (fr.dst !== null) return fr.dst;
      // Iterative (not recursive): the chain of uncopied ancestors can be 100,000 levels deep.
      const chain: Frame[] = [];
      for (let f: Frame | null = fr; f !== null && f.dst === null; f = f.parent) chain.push(f);
      for (let k = chain.length - 1; k >= 0; k--) {
        const f = chain[k] as Frame;
        const copy: Json[] | { [key: string]: Json } = Array.isArray(f.src) ? f.src.slice() : { ...f.src };
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
        if (own !== undefined && onSensitiveValue !== undefined && typeof v === 'string') onSensitiveValue(own, v);
      }
      if (isContainer(v)) {
        stack.push(mk(v, sensitive, fr, at));
        continue;
      }
      const r = leaf(v, sensitive);
      if (r !== v) (own(fr) as Record<string | number, Json>)[at] = r;
    }
    return root.dst ?? value;
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
    const z = s.charCodeAt(s.length - 1);
    if (s.length >= 2 && ((c === 123 && z === 125) || (c === 91 && z === 93))) {
      let parsed: Json | undefined;
      try {
        parsed = JSON.parse(s) as Json;
      } catch {
        parsed = undefined;
      }
      if (parsed !== undefined && isContainer(parsed)) {
        const own = new RedactionReport();
        const red = redactJson(parsed, p, { ...opts, report: own });
        // Compact JSON is written again by JSON.stringify; any other layout (Python's "key": "value", indented
        // text) keeps its own, with the redacted values written into it. Unchanged text is returned as it is.
        const out = own.total === 0 ? s : JSON.stringify(parsed) === s ? JSON.stringify(red) : rewriteJsonText(s, parsed, red);
        if (out !== undefined) {
          opts.report.merge(own);
          return out;
        }
        // A key given twice hides its first value from JSON.parse: such text is masked as plain text.
      }
    }
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
        const name = m.name !== undefined && m.role === 'user' ? (maskWhole('PERSON', m.name, p, report, 'message.name') as string) : m.name;
        const toolCalls = sameOrCopy(m.toolCalls, (c) => {
          const args = json(c.arguments, 'toolCall.arguments');
          const res = c.result !== undefined ? result(c.result, c.id) : undefined;
          const error = c.error !== undefined ? text(c.error, 'toolCall.error') : undefined;
          if (args === c.arguments && res === c.result && error === c.error) return c;
          return { ...c, arguments: args, ...(c.result !== undefined ? { result: res as Json } : {}), ...(c.error !== undefined ? { error } : {}) };
        });
        const documents = sameOrCopy(m.documents, doc);
        const citations = sameOrCopy(m.citations, doc);
        if (t === m.text && name === m.name && toolCalls === m.toolCalls && documents === m.documents && citations === m.citations) return m;
        return { ...m, text: t, ...(name !== undefined ? { name } : {}), toolCalls, documents, citations };
      }),
      spans: draft.spans.map((s) => ({
        ...s,
        attributes: json(s.attributes, 'span.attributes') as Record<string, Json>,
        ...(s.statusMessage !== undefined ? { statusMessage: text(s.statusMessage, 'span.statusMessage') } : {}),
      })),
      metadata: json(draft.metadata, 'metadata') as Record<string, Json>,
      outcome: {
        ...draft.outcome,
        feedback: draft.outcome.feedback.map((f) => ({ ...f, ...(f.comment !== undefined ? { comment: text(f.comment, 'outcome.feedback') } : {}) })),
      },
    };
    if (draft.error !== undefined) out.error = text(draft.error, 'trace.error');
    if (draft.userId !== undefined) onSensitiveValue?.('USER', draft.userId);
    if (draft.userId !== undefined && draft.userId !== '' && !isPlaceholder(draft.userId)) {
      out.userId = p.placeholder('USER', draft.userId);
      report.add('USER', 'trace.userId', true);
    }
    return out;
  }

  function leakScan(input: string | Json): LeakHit[] {
    const hits: LeakHit[] = [];
    const scanString = (s: string, path: string): void => {
      for (const f of detector.detect(s)) hits.push({ type: f.type, path, offset: f.start, length: f.end - f.start });
    };
    if (typeof input === 'string') {
      scanString(input, '');
      return hits;
    }
    if (!isContainer(input)) return hits;
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
    const stack: ScanFrame[] = [mk(input, null, '', undefined)];
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
      const seg = key === undefined ? `[${idx}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
      const sensitive = fr.sensitive ?? (key === undefined ? undefined : keys.typeOf(key, fr.v as { [k: string]: Json }));
      if (isContainer(v)) {
        stack.push(mk(v, fr, seg, sensitive));
        continue;
      }
      if (sensitive !== undefined && (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !isPlaceholder(v)))) {
        hits.push({ type: sensitive, path: pathOf(fr, seg), offset: 0, length: String(v).length, sensitiveKey: true });
      } else if (typeof v === 'string') scanString(v, pathOf(fr, seg));
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
