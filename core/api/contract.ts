/**
 * The app's one service contract: every method the renderer may call, with its channel name and its zod
 * request/response schemas, and the events it may receive. Main (IPC), the preload, the web bridge and the
 * renderer all read this module, so a method cannot exist on one side only.
 * Pure: imports only zod and core/model, so the renderer can bundle it.
 */
import { z } from 'zod';
import { FormatId, Trace } from '../model/trace.js';
import { TraceFilter, TracePage, TraceSummary } from '../model/query.js';
import { Verdict } from '../model/grade.js';
import { RunSummary, VerdictCounts } from '../model/run.js';

/** Methods that take no argument: anything but `undefined` is a malformed payload. */
const NoInput = z.undefined();

/** One import file's outcome (mirrors core/pipeline/import.ts FileReport). */
export const FileReport = z.object({
  file: z.string(),
  format: FormatId.optional(),
  bytes: z.number(),
  records: z.number(),
  errors: z.number(),
});

/** A record or file that could not be imported, with its location. */
export const ImportError = z.object({
  file: z.string(),
  line: z.number().optional(),
  byteOffset: z.number().optional(),
  recordIndex: z.number().optional(),
  reason: z.string(),
});
export type ImportError = z.infer<typeof ImportError>;

const TraceCounts = z.object({ added: z.number(), updated: z.number(), unchanged: z.number() });

/** Progress of a running import (mirrors core/pipeline/import.ts ImportProgress). */
export const ImportProgress = z.object({
  phase: z.enum(['reading', 'assembling', 'done']),
  file: z.string().optional(),
  fileIndex: z.number(),
  fileCount: z.number(),
  bytesRead: z.number(),
  bytesTotal: z.number(),
  records: z.number(),
  errors: z.number(),
  traces: TraceCounts,
  elapsedMs: z.number(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** The final report of an import (mirrors core/pipeline/import.ts ImportReport). */
export const ImportReport = z.object({
  importId: z.number(),
  status: z.enum(['done', 'cancelled']),
  files: z.array(FileReport),
  records: z.number(),
  fragments: z.number(),
  traces: TraceCounts,
  errorCount: z.number(),
  errors: z.array(ImportError),
  bytes: z.number(),
  durationMs: z.number(),
  /** What redaction masked, counts only (null when it was off). */
  redaction: z
    .object({ total: z.number(), byType: z.record(z.string(), z.number()), byField: z.record(z.string(), z.number()), bySensitiveKey: z.number() })
    .nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** What `app:import.onProgress` pushes: progress of a job, then exactly one `done` or `error`. */
export const ImportEvent = z.discriminatedUnion('kind', [
  z.object({ jobId: z.string(), kind: z.literal('progress'), progress: ImportProgress }),
  z.object({ jobId: z.string(), kind: z.literal('done'), report: ImportReport }),
  z.object({ jobId: z.string(), kind: z.literal('error'), error: z.string() }),
]);
export type ImportEvent = z.infer<typeof ImportEvent>;

/** One trace with the summaries of every turn of its conversation (empty when it has no conversation id). */
export const TraceDetail = z.object({ trace: Trace, conversation: z.array(TraceSummary) });
export type TraceDetail = z.infer<typeof TraceDetail>;

/** What the app tells about itself. */
export const AppInfo = z.object({
  version: z.string(),
  dbPath: z.string(),
  traceCount: z.number().int(),
  /** Stored traces against the eval folder's redaction now (null when its casebook.yaml cannot be read). */
  storedRedaction: z
    .object({ current: z.number().int(), stale: z.number().int(), unknown: z.number().int(), raw: z.number().int() })
    .nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Progress of a grading run (mirrors core/pipeline/run.ts RunProgress). */
export const RunProgress = z.object({
  phase: z.enum(['sampling', 'rules', 'judge', 'summary']),
  done: z.number(),
  total: z.number(),
  message: z.string().optional(),
});
export type RunProgress = z.infer<typeof RunProgress>;

/** What `app:runs.onProgress` pushes: progress and warnings of a run job, then exactly one `done` or `error`. */
export const RunEvent = z.discriminatedUnion('kind', [
  z.object({ jobId: z.string(), kind: z.literal('progress'), progress: RunProgress }),
  z.object({ jobId: z.string(), kind: z.literal('warning'), message: z.string() }),
  z.object({ jobId: z.string(), kind: z.literal('done'), runId: z.string(), summary: RunSummary }),
  z.object({ jobId: z.string(), kind: z.literal('error'), error: z.string() }),
]);
export type RunEvent = z.infer<typeof RunEvent>;

/** A recorded run as the list of past runs shows it; counts are null until the run has a summary. */
export const RunListItem = z.object({
  id: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  status: z.enum(['running', 'done', 'cancelled', 'failed']),
  windowLabel: z.string().nullable(),
  sampled: z.number().int().nullable(),
  verdicts: VerdictCounts.nullable(),
});
export type RunListItem = z.infer<typeof RunListItem>;

/** One graded conversation of a run. */
export const RunItem = z.object({
  conversationKey: z.string(),
  intent: z.string(),
  verdict: Verdict,
  reasons: z.array(z.string()),
  traceIds: z.array(z.string()),
});
export type RunItem = z.infer<typeof RunItem>;

/** One run: its summary (null while it runs, or if it failed) and every graded conversation. */
export const RunDetail = z.object({ run: RunListItem, summary: RunSummary.nullable(), items: z.array(RunItem) });
export type RunDetail = z.infer<typeof RunDetail>;

/**
 * What starts a run: the trailing window (`7d`, `24h`… or `all`), a sample size or every conversation, and
 * whether to call the judge. The eval folder comes from the service's configuration, never the caller.
 */
export const RunStartRequest = z
  .object({
    since: z
      .string()
      .max(16)
      .regex(/^(all|\d{1,5}(\.\d+)?(m|h|d|w))$/, 'a duration like 24h, 7d, 90m or 2w, or all')
      .optional(),
    sampleSize: z.number().int().min(1).max(1_000_000).optional(),
    all: z.boolean().optional(),
    judge: z.enum(['on', 'off']).default('on'),
  })
  .strict()
  .refine((r) => !(r.all === true && r.sampleSize !== undefined), { message: 'sampleSize and all exclude each other', path: ['all'] });
export type RunStartRequest = z.infer<typeof RunStartRequest>;

/** One message of a queued case's conversation, as text only (the renderer never renders it as HTML). */
export const ReviewMessage = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
  /** Names of the tools the message called, in order. */
  toolCalls: z.array(z.string()),
});
export type ReviewMessage = z.infer<typeof ReviewMessage>;

/** One borderline case waiting in eval/review_queue.yaml, as the Review screen shows it. */
export const ReviewItem = z.object({
  caseId: z.string(),
  failureMode: z.string(),
  intent: z.string(),
  stakes: z.string(),
  /** True when the case is already in the cases file (a borderline recurrence). */
  known: z.boolean(),
  /** Why it is borderline rather than promoted. */
  reasons: z.array(z.string()),
  /** How the conversation ended: its last few messages. */
  lastMessages: z.array(ReviewMessage),
  expectedBehavior: z.string(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

/** A human's decision on one queued case; an edited expected behaviour only goes with an accept. */
export const ReviewDecideRequest = z
  .object({
    caseId: z.string().regex(/^c_[0-9a-f]{12}$/, 'c_ followed by 12 hex digits'),
    decision: z.enum(['accept', 'reject', 'skip']),
    expectedBehavior: z.string().trim().min(1).max(20_000).optional(),
  })
  .strict()
  .refine((r) => r.expectedBehavior === undefined || r.decision === 'accept', {
    message: 'expectedBehavior goes with accept only',
    path: ['expectedBehavior'],
  });
export type ReviewDecideRequest = z.infer<typeof ReviewDecideRequest>;

/** What a decision did: the files it wrote (none for a skip) and how many cases are left in the queue. */
export const ReviewDecideResult = z.object({
  caseId: z.string(),
  decision: z.enum(['accept', 'reject', 'skip']),
  written: z.array(z.string()),
  remaining: z.number().int(),
});
export type ReviewDecideResult = z.infer<typeof ReviewDecideResult>;

/** One failure mode of eval/failure_modes.yaml, as the Failure modes screen lists it. */
export const ModeItem = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  description: z.string(),
  count: z.number().int(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  aliases: z.array(z.string()),
  /** Terms a failure no rule or judge names joins this mode by (from the proposals accepted into it). */
  terms: z.array(z.string()),
});
export type ModeItem = z.infer<typeof ModeItem>;

/** A proposed new mode waiting for a decision: a cluster of failures that matched no known mode. */
export const ProposalItem = z.object({
  id: z.string(),
  title: z.string(),
  /** Who named it: the judge asked to name the cluster, the judge's suggested mode while grading, or the terms; null when unrecorded. */
  titleSource: z.enum(['judge', 'suggestion', 'terms']).nullable(),
  /** The judge's description of the cluster, when it named it. */
  description: z.string().nullable(),
  /** The id the mode gets when the proposal is accepted as is (a taken id gets a `_2` suffix). */
  acceptId: z.string(),
  size: z.number().int(),
  /** Distinctive terms, most distinctive first. */
  terms: z.array(z.string()),
  /** Representative conversation keys, closest to the cluster's centre first. */
  examples: z.array(z.string()),
});
export type ProposalItem = z.infer<typeof ProposalItem>;

/** The taxonomy file as the Failure modes screen shows it. */
export const ModesList = z.object({ path: z.string(), modes: z.array(ModeItem), proposals: z.array(ProposalItem) });
export type ModesList = z.infer<typeof ModesList>;

const ModeDecision = z.enum(['accept', 'rename', 'merge', 'reject']);

/**
 * A human's decision on one proposal: `title` goes with rename only, `into` (an existing mode id or alias)
 * with merge only. `dryRun` writes nothing and answers which mode id the decision would give.
 */
export const ModesDecideRequest = z
  .object({
    proposalId: z.string().regex(/^p_[a-z0-9_]{1,64}$/, 'p_ followed by lowercase letters, digits or _'),
    decision: ModeDecision,
    title: z.string().trim().min(1).max(200).optional(),
    into: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'a failure-mode id').optional(),
    dryRun: z.boolean().optional(),
  })
  .strict()
  .refine((r) => (r.title !== undefined) === (r.decision === 'rename'), { message: 'rename needs a title, and only rename takes one', path: ['title'] })
  .refine((r) => (r.into !== undefined) === (r.decision === 'merge'), { message: 'merge needs the mode to merge into, and only merge takes one', path: ['into'] });
export type ModesDecideRequest = z.infer<typeof ModesDecideRequest>;

/** What a decision did: the mode the proposal's failures now belong to (null on reject) and the files written. */
export const ModesDecideResult = z.object({
  proposalId: z.string(),
  decision: ModeDecision,
  modeId: z.string().nullable(),
  written: z.array(z.string()),
  dryRun: z.boolean(),
});
export type ModesDecideResult = z.infer<typeof ModesDecideResult>;

const JobId = z.string().min(1).max(100);

// Paths are bounded so a compromised renderer cannot hand main an unbounded payload.
const FilePath = z.string().min(1).max(4096);

/** Every invocable method: its channel (`app:<area>.<verb>`) and the schemas of its one argument and result. */
export const methods = {
  'traces.list': { channel: 'app:traces.list', request: TraceFilter.strict().optional(), response: TracePage },
  'traces.get': { channel: 'app:traces.get', request: z.object({ id: z.string().min(1).max(512) }).strict(), response: TraceDetail },
  'import.pickFiles': { channel: 'app:import.pickFiles', request: NoInput, response: z.array(z.string()) },
  'import.start': {
    channel: 'app:import.start',
    request: z.object({ paths: z.array(FilePath).min(1).max(1000), format: FormatId.optional() }).strict(),
    response: z.object({ jobId: z.string() }),
  },
  'import.cancel': {
    channel: 'app:import.cancel',
    request: z.object({ jobId: z.string().min(1).max(100) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'app.info': { channel: 'app:app.info', request: NoInput, response: AppInfo },
  'runs.list': {
    channel: 'app:runs.list',
    request: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict().optional(),
    response: z.array(RunListItem),
  },
  'runs.get': { channel: 'app:runs.get', request: z.object({ id: z.string().min(1).max(200) }).strict(), response: RunDetail },
  'runs.start': { channel: 'app:runs.start', request: RunStartRequest, response: z.object({ jobId: z.string() }) },
  'runs.cancel': {
    channel: 'app:runs.cancel',
    request: z.object({ jobId: JobId }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'review.list': { channel: 'app:review.list', request: NoInput, response: z.array(ReviewItem) },
  'review.decide': { channel: 'app:review.decide', request: ReviewDecideRequest, response: ReviewDecideResult },
  'modes.list': { channel: 'app:modes.list', request: NoInput, response: ModesList },
  'modes.decide': { channel: 'app:modes.decide', request: ModesDecideRequest, response: ModesDecideResult },
} as const;

/** Push events from main to the renderer (`app:<area>.on<Event>`). */
export const events = {
  'import.onProgress': { channel: 'app:import.onProgress', payload: ImportEvent },
  'runs.onProgress': { channel: 'app:runs.onProgress', payload: RunEvent },
} as const;

export type MethodName = keyof typeof methods;
export type EventName = keyof typeof events;
/** What the caller passes to a method (before defaults). */
export type RequestOf<M extends MethodName> = z.input<(typeof methods)[M]['request']>;
/** What a handler receives (after zod parsing and defaults). */
export type ParsedRequestOf<M extends MethodName> = z.output<(typeof methods)[M]['request']>;
/** What a method resolves to. */
export type ResponseOf<M extends MethodName> = z.output<(typeof methods)[M]['response']>;
/** What an event delivers. */
export type EventOf<E extends EventName> = z.output<(typeof events)[E]['payload']>;

/** The names of every method, in contract order. */
export const methodNames = Object.keys(methods) as MethodName[];
/** The names of every event, in contract order. */
export const eventNames = Object.keys(events) as EventName[];

/** Typed error codes: callers branch on these, never on messages, and never see stack traces. */
export const ErrorCode = z.enum(['invalid_request', 'forbidden', 'not_found', 'busy', 'unknown_method', 'internal']);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The error half of the envelope. `issues` lists zod's complaints for invalid requests. */
export const ApiErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** What crosses the IPC/HTTP boundary for every call: a value or a typed error. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** A failed call, as thrown to the renderer. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly code: ErrorCode, message: string, readonly issues?: ApiErrorBody['issues']) {
    super(message);
  }
}

/** Return an envelope's value, or throw its error as an ApiError. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.issues);
}

/** A method as the renderer calls it: one optional-or-required argument, a promise of the result. */
export type Call<M extends MethodName> = undefined extends RequestOf<M>
  ? (request?: RequestOf<M>) => Promise<ResponseOf<M>>
  : (request: RequestOf<M>) => Promise<ResponseOf<M>>;

/** A subscription: returns the function that removes the listener. */
export type Subscribe<E extends EventName> = (listener: (event: EventOf<E>) => void) => () => void;

/** A dropped file, as much of the DOM File as the bridge needs (core compiles without the DOM lib). */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

/**
 * `window.api`: one function per contract method and event, grouped by area. `import.pathForFile` is the
 * only member that does not cross the boundary: it asks the preload for a dropped file's path
 * (webUtils.getPathForFile); it returns '' where no path can be known (in a plain browser).
 */
export interface CasebookApi {
  traces: { list: Call<'traces.list'>; get: Call<'traces.get'> };
  import: {
    pickFiles: Call<'import.pickFiles'>;
    start: Call<'import.start'>;
    cancel: Call<'import.cancel'>;
    onProgress: Subscribe<'import.onProgress'>;
    pathForFile(file: DroppedFile): string;
  };
  app: { info: Call<'app.info'> };
  runs: {
    list: Call<'runs.list'>;
    get: Call<'runs.get'>;
    start: Call<'runs.start'>;
    cancel: Call<'runs.cancel'>;
    onProgress: Subscribe<'runs.onProgress'>;
  };
  review: { list: Call<'review.list'>; decide: Call<'review.decide'> };
  modes: { list: Call<'modes.list'>; decide: Call<'modes.decide'> };
}

/** Members of CasebookApi that are local to the renderer side and have no channel. */
export const localMembers = ['import.pathForFile'] as const;

/** Split `area.verb` into its two parts, for building the nested api object. */
export function splitName(name: MethodName | EventName): [area: string, verb: string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}
