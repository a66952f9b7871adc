/**
 * The judge over a local Ollama server, through the official `ollama` client: the pre-run check (is
 * it running, is the model pulled, is it the pinned build) and grading with structured output,
 * per-request timeouts, retries with exponential backoff and cancellation. Adapter file (network I/O).
 * It never logs: conversation text stays out of every message it produces.
 */
import { Ollama, type ChatRequest, type ChatResponse } from 'ollama';
import type { JudgeResult } from '../model/grade.js';
import type { Conversation } from '../model/trace.js';
import { conversationTranscript } from '../ingest/transcript.js';
import { checkJudgeHost, DEFAULT_JUDGE_HOST } from './host.js';
import { nodeHttpFetch } from './http-fetch.js';
import { parseJudgeReply, ungraded, type UngradedCode } from './parse.js';
import { JudgeOptions, makePin, pinDifferences, type JudgePin } from './pin.js';
import { judgeOutputSchema, renderJudgePrompt, type JsonSchema } from './prompt.js';
import type { JudgeModel } from './judge-runner.js';
import type { RubricConfig } from './rubric.js';

export { checkJudgeHost, DEFAULT_JUDGE_HOST } from './host.js';

/** How to reach and drive the judge. */
export interface OllamaJudgeConfig {
  model: string;
  rubric: RubricConfig;
  /** Defaults to http://127.0.0.1:11434. */
  host?: string;
  /** Allow a judge that is not on loopback (a warning is still given). */
  allowRemoteHost?: boolean;
  options?: Partial<JudgeOptions>;
  /** How long Ollama keeps the model loaded after a call. */
  keepAlive?: string | number;
  /** Per request; includes a model load on the first call. */
  timeoutMs?: number;
  /** For the pre-run check's small requests. */
  checkTimeoutMs?: number;
  /** Retries after the first attempt, on 5xx, 429 and dropped connections. */
  retries?: number;
  /** First backoff; doubles each retry up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** The pin recorded in the eval folder; the check refuses when the installed model differs. */
  pinned?: JudgePin;
}

export const JUDGE_DEFAULTS = {
  keepAlive: '10m',
  timeoutMs: 180_000,
  checkTimeoutMs: 5_000,
  retries: 3,
  backoffMs: 500,
  maxBackoffMs: 8_000,
} as const;

export type JudgeProblemCode =
  | 'host_refused'
  | 'not_running'
  | 'not_ollama'
  | 'model_missing'
  | 'not_chat_model'
  | 'pin_mismatch';

/** The outcome of checkJudge: ready (with the current pin) or a plain-language problem and its fix. */
export type JudgeCheck =
  | { ok: true; host: string; serverVersion: string; digest: string; pin: JudgePin; warnings: string[] }
  | { ok: false; code: JudgeProblemCode; problem: string; fix?: string; warnings: string[] };

/** An error thrown by the ollama client for a non-2xx reply (its class is not exported). */
interface OllamaResponseError extends Error {
  error: string;
  status_code: number;
}

function isResponseError(e: unknown): e is OllamaResponseError {
  return e instanceof Error && e.name === 'ResponseError' && typeof (e as Partial<OllamaResponseError>).status_code === 'number';
}

/** The socket-level error code under a fetch failure (ECONNREFUSED, UND_ERR_SOCKET, ...). */
function causeCode(e: unknown): string | undefined {
  const cause = e instanceof Error ? (e as Error & { cause?: unknown }).cause : undefined;
  if (cause && typeof cause === 'object') {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (cause as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const inner of errors) if (typeof (inner as { code?: unknown }).code === 'string') return (inner as { code: string }).code;
  }
  return undefined;
}

const CONNECTION_DROPPED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);

/**
 * A client whose every request carries `signal` (the client passes none on non-streamed calls), over
 * the keep-alive node:http transport (http-fetch.ts explains why not the built-in fetch).
 */
function clientFor(host: string, signal: AbortSignal): Ollama {
  const withSignal = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
    nodeHttpFetch(input, { ...init, signal })) as typeof fetch;
  return new Ollama({ host, fetch: withSignal });
}

/** Model names as Ollama lists them: a missing tag means `latest`. */
export function fullModelName(name: string): string {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return last.includes(':') ? name : `${name}:latest`;
}

function optionsOf(config: OllamaJudgeConfig): JudgeOptions {
  return JudgeOptions.parse(config.options ?? {});
}

/**
 * Check that the judge can run: host allowed, Ollama answering, the model pulled and able to chat,
 * and (when a pin is recorded) the installed model digest equal to the pinned one. Each problem is
 * said plainly with the command that fixes it.
 */
export async function checkJudge(config: OllamaJudgeConfig): Promise<JudgeCheck> {
  const warnings: string[] = [];
  const hostCheck = checkJudgeHost(config.host ?? DEFAULT_JUDGE_HOST, config.allowRemoteHost === true);
  if (!hostCheck.ok) return { ok: false, code: 'host_refused', problem: hostCheck.problem, warnings };
  if (hostCheck.warning) warnings.push(hostCheck.warning);
  const host = hostCheck.url;
  const client = clientFor(host, AbortSignal.timeout(config.checkTimeoutMs ?? JUDGE_DEFAULTS.checkTimeoutMs));
  const model = config.model;
  const pull = `ollama pull ${model}`;

  let serverVersion: string;
  try {
    const v = await client.version();
    if (typeof v?.version !== 'string') throw new Error('no version');
    serverVersion = v.version;
  } catch (e) {
    const code = causeCode(e);
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH') {
      const fix = hostCheck.remote ? undefined : 'ollama serve';
      return {
        ok: false,
        code: 'not_running',
        problem: hostCheck.remote
          ? `the judge server at ${host} cannot be reached (${code})`
          : `Ollama is not running at ${host}: start it with \`ollama serve\``,
        fix,
        warnings,
      };
    }
    if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
      return { ok: false, code: 'not_running', problem: `Ollama at ${host} did not answer within ${(config.checkTimeoutMs ?? JUDGE_DEFAULTS.checkTimeoutMs) / 1000} s: is it stuck? restart it with \`ollama serve\``, fix: 'ollama serve', warnings };
    }
    return { ok: false, code: 'not_ollama', problem: `the server at ${host} does not answer like Ollama (${isResponseError(e) ? `HTTP ${e.status_code}` : (e as Error).name}): check the judge host`, warnings };
  }

  let digest: string | undefined;
  try {
    const tags = await client.list();
    const wanted = fullModelName(model);
    const found = (tags.models ?? []).find((m) => fullModelName(m.name ?? m.model ?? '') === wanted || fullModelName(m.model ?? '') === wanted);
    digest = found?.digest?.replace(/^sha256:/, '').toLowerCase();
  } catch (e) {
    return { ok: false, code: 'not_ollama', problem: `Ollama at ${host} could not list its models (${isResponseError(e) ? `HTTP ${e.status_code}: ${e.error}` : (e as Error).name})`, warnings };
  }
  if (!digest) {
    return { ok: false, code: 'model_missing', problem: `the judge model ${model} is not pulled: run \`${pull}\``, fix: pull, warnings };
  }

  try {
    const show = await client.show({ model });
    const caps = Array.isArray(show.capabilities) ? show.capabilities : undefined;
    if (caps && !caps.includes('completion')) {
      return { ok: false, code: 'not_chat_model', problem: `the judge model ${model} cannot chat (it offers ${caps.join(', ') || 'nothing'}): choose a chat model`, warnings };
    }
    const info = (show.model_info ?? {}) as unknown as Record<string, unknown>;
    const ctxKey = Object.keys(info).find((k) => k.endsWith('.context_length'));
    const maxCtx = ctxKey ? info[ctxKey] : undefined;
    const numCtx = optionsOf(config).num_ctx;
    if (typeof maxCtx === 'number' && maxCtx < numCtx) {
      warnings.push(`num_ctx ${numCtx} is larger than ${model}'s trained context (${maxCtx}); long conversations may be graded poorly`);
    }
  } catch (e) {
    if (isResponseError(e) && e.status_code === 404) {
      return { ok: false, code: 'model_missing', problem: `the judge model ${model} is not pulled: run \`${pull}\``, fix: pull, warnings };
    }
    warnings.push(`could not read ${model}'s details (${isResponseError(e) ? `HTTP ${e.status_code}` : (e as Error).name})`);
  }

  const pin = makePin({ model, digest, serverVersion, rubric: config.rubric, options: optionsOf(config) });
  if (config.pinned) {
    const p = config.pinned;
    if (fullModelName(p.model) !== fullModelName(model) || p.digest !== digest) {
      const what =
        fullModelName(p.model) !== fullModelName(model)
          ? `the configured judge model ${model} is not the pinned one (${p.model})`
          : `the installed digest of ${model} (${digest.slice(0, 12)}) differs from the pinned one (${p.digest.slice(0, 12)})`;
      return { ok: false, code: 'pin_mismatch', problem: `${what}: re-pin with \`casebook judge pin\` (and recalibrate), or install the pinned build`, fix: 'casebook judge pin', warnings };
    }
    for (const d of pinDifferences(p, pin)) warnings.push(`since the judge was pinned: ${d}; judgments are kept apart per pin`);
  }
  return { ok: true, host, serverVersion, digest, pin, warnings };
}

interface AttemptFailure {
  code: UngradedCode;
  detail: string;
  retryable: boolean;
}

/** The judge over Ollama. Build it with createOllamaJudge (which runs checkJudge first). */
export class OllamaJudge implements JudgeModel {
  readonly pin: JudgePin;
  /** HTTP chat requests made, retries included, and the retries alone. */
  readonly stats = { requests: 0, retries: 0 };
  private readonly host: string;
  private readonly schema: JsonSchema;
  private readonly config: OllamaJudgeConfig;

  /** Use createOllamaJudge; this trusts that `check` came from checkJudge(config). */
  constructor(config: OllamaJudgeConfig, check: Extract<JudgeCheck, { ok: true }>) {
    this.config = config;
    this.pin = check.pin;
    this.host = check.host;
    this.schema = judgeOutputSchema(config.rubric);
  }

  /** Grade one conversation; every failure is an 'ungraded' result, never an exception. */
  async grade(conversation: Conversation, signal?: AbortSignal): Promise<JudgeResult> {
    const { rubric } = this.config;
    const { options } = this.pin;
    const prompt = renderJudgePrompt(rubric, conversationTranscript(conversation.traces), { numCtx: options.num_ctx, numPredict: options.num_predict });
    if (!prompt.fits) {
      return ungraded('context_too_small', `num_ctx ${options.num_ctx} leaves no room for the conversation after the rubric; raise num_ctx`);
    }
    const retries = this.config.retries ?? JUDGE_DEFAULTS.retries;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) return ungraded('cancelled', 'the run was cancelled');
      const request: ChatRequest & { stream: false } = {
        model: this.pin.model,
        messages: prompt.messages,
        format: this.schema,
        think: false,
        stream: false,
        options: { ...options },
        keep_alive: this.config.keepAlive ?? JUDGE_DEFAULTS.keepAlive,
      };
      const outcome = await this.attempt(request, signal);
      if ('message' in outcome) {
        return parseJudgeReply(
          {
            content: typeof outcome.message?.content === 'string' ? outcome.message.content : '',
            doneReason: outcome.done_reason,
            promptEvalCount: outcome.prompt_eval_count,
            evalCount: outcome.eval_count,
            totalDurationNs: outcome.total_duration,
          },
          { rubric, estimatedPromptTokens: prompt.estimatedTokens },
        );
      }
      if (!outcome.retryable || attempt >= retries) {
        return ungraded(outcome.code, attempt > 0 ? `${outcome.detail} (after ${attempt + 1} attempts)` : outcome.detail);
      }
      this.stats.retries++;
      const base = this.config.backoffMs ?? JUDGE_DEFAULTS.backoffMs;
      await sleep(Math.min(base * 2 ** attempt, this.config.maxBackoffMs ?? JUDGE_DEFAULTS.maxBackoffMs), signal);
    }
  }

  private async attempt(request: ChatRequest & { stream: false }, signal: AbortSignal | undefined): Promise<ChatResponse | AttemptFailure> {
    const timeoutMs = this.config.timeoutMs ?? JUDGE_DEFAULTS.timeoutMs;
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(), timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
    this.stats.requests++;
    try {
      return await clientFor(this.host, combined).chat(request);
    } catch (e) {
      if (signal?.aborted) return { code: 'cancelled', detail: 'the run was cancelled', retryable: false };
      if (timer.signal.aborted) return { code: 'timeout', detail: `the judge did not answer within ${timeoutMs / 1000} s`, retryable: false };
      return this.classify(e);
    } finally {
      clearTimeout(handle);
    }
  }

  private classify(e: unknown): AttemptFailure {
    const model = this.pin.model;
    if (isResponseError(e)) {
      const status = e.status_code;
      if (status === 404) return { code: 'model_missing', detail: `the judge model ${model} is not pulled: run \`ollama pull ${model}\``, retryable: false };
      if (status === 429 || status >= 500) return { code: 'server_error', detail: `Ollama answered HTTP ${status}: ${e.error}`, retryable: true };
      return { code: 'request_rejected', detail: `Ollama refused the request (HTTP ${status}): ${e.error}`, retryable: false };
    }
    const code = causeCode(e);
    if (code === 'ECONNREFUSED') return { code: 'unreachable', detail: `Ollama is not running at ${this.host}: start it with \`ollama serve\``, retryable: true };
    if ((code && CONNECTION_DROPPED.has(code)) || (e instanceof TypeError && e.message === 'terminated')) {
      return { code: 'server_error', detail: 'the connection to Ollama was dropped', retryable: true };
    }
    if (e instanceof SyntaxError) return { code: 'server_error', detail: 'Ollama sent a reply that is not JSON', retryable: true };
    return { code: 'server_error', detail: `the judge request failed (${e instanceof Error ? e.name : 'unknown error'}${code ? ` ${code}` : ''})`, retryable: false };
  }
}

/** Resolve after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(handle);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const handle = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Check the judge and, when it is ready, build it; otherwise return the check's problem. */
export async function createOllamaJudge(
  config: OllamaJudgeConfig,
): Promise<{ ok: true; judge: OllamaJudge; check: Extract<JudgeCheck, { ok: true }> } | Extract<JudgeCheck, { ok: false }>> {
  const check = await checkJudge(config);
  if (!check.ok) return check;
  return { ok: true, judge: new OllamaJudge(config, check), check };
}
