/**
 * The judge naming proposed failure modes over Ollama: the same pre-run check as grading (host allowed,
 * model pulled, pinned build), then one small structured-output call per cluster, greedy (temperature
 * 0, the pinned seed). Never throws: every failure is an outcome the caller turns into the terms title.
 * Adapter file (network I/O); it never logs, so no example text reaches a message.
 */
import { Ollama } from 'ollama';
import { nodeHttpFetch } from './http-fetch.js';
import { checkJudge, JUDGE_DEFAULTS, type OllamaJudgeConfig } from './ollama-judge.js';
import type { JudgePin } from './pin.js';
import { CLUSTER_TITLE_NUM_PREDICT, clusterTitleSchema, parseClusterTitleReply, renderClusterTitlePrompt, type ClusterNamingInput, type ClusterTitleOutcome } from './cluster-title.js';

/** Names one cluster; tests inject their own. */
export interface ClusterNamer {
  /** The model that names, for messages. */
  readonly model: string;
  name(input: ClusterNamingInput, signal?: AbortSignal): Promise<ClusterTitleOutcome>;
}

/** The cluster namer over a checked Ollama judge. */
export class OllamaClusterNamer implements ClusterNamer {
  readonly model: string;

  /** Use createClusterNamer, which checks the judge first. */
  constructor(
    private readonly config: OllamaJudgeConfig,
    private readonly host: string,
    private readonly pin: JudgePin,
  ) {
    this.model = pin.model;
  }

  /** Ask the judge for a title; any failure is a refusal with a reason. */
  async name(input: ClusterNamingInput, signal?: AbortSignal): Promise<ClusterTitleOutcome> {
    const timeoutMs = this.config.timeoutMs ?? JUDGE_DEFAULTS.timeoutMs;
    const timer = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timer]) : timer;
    const fetchWithSignal = ((url: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => nodeHttpFetch(url, { ...init, signal: combined })) as typeof fetch;
    const client = new Ollama({ host: this.host, fetch: fetchWithSignal });
    const { options } = this.pin;
    try {
      const res = await client.chat({
        model: this.pin.model,
        messages: renderClusterTitlePrompt(input),
        format: clusterTitleSchema(),
        think: false,
        stream: false,
        // num_ctx as pinned: a different context size would make Ollama reload the model.
        options: { temperature: 0, seed: options.seed, top_k: options.top_k, num_ctx: options.num_ctx, num_predict: CLUSTER_TITLE_NUM_PREDICT },
        keep_alive: this.config.keepAlive ?? JUDGE_DEFAULTS.keepAlive,
      });
      return parseClusterTitleReply({ content: typeof res.message?.content === 'string' ? res.message.content : '', doneReason: res.done_reason });
    } catch (e) {
      if (timer.aborted) return { ok: false, code: 'request_failed', reason: `the judge did not answer within ${timeoutMs / 1000} s` };
      const status = (e as { status_code?: unknown }).status_code;
      return { ok: false, code: 'request_failed', reason: typeof status === 'number' ? `Ollama answered HTTP ${status}` : `the request failed (${e instanceof Error ? e.name : 'unknown error'})` };
    }
  }
}

/** Check the judge and build a namer, or say plainly why the judge cannot name clusters. */
export async function createClusterNamer(config: OllamaJudgeConfig): Promise<{ ok: true; namer: ClusterNamer; warnings: string[] } | { ok: false; problem: string; warnings: string[] }> {
  const check = await checkJudge(config);
  if (!check.ok) return { ok: false, problem: check.problem, warnings: check.warnings };
  return { ok: true, namer: new OllamaClusterNamer(config, check.host, check.pin), warnings: check.warnings };
}
