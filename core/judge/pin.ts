/**
 * The judge pin: everything that decides what the judge answers (model digest, prompt template and
 * schema, rubric version, sampling options, think, server version). A judgment is cached under
 * (conversation content hash, pin key), so a changed pin never reuses an old judgment.
 * Adapter file: hashes with node:crypto.
 */
import { z } from 'zod';
import { canonicalJson } from '../ingest/transcript.js';
import { sha256Hex } from '../ingest/identity.js';
import type { Conversation } from '../model/trace.js';
import { promptShaInput } from './prompt.js';
import type { RubricConfig } from './rubric.js';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

/** Sampling options of the judge: greedy decoding with explicit context and output sizes. */
export const JudgeOptions = z
  .object({
    temperature: z.literal(0).default(0),
    seed: z.number().int().default(42),
    top_k: z.literal(1).default(1),
    num_ctx: z.number().int().min(1024).default(16384),
    num_predict: z.number().int().min(64).default(1024),
  })
  .strict();
export type JudgeOptions = z.infer<typeof JudgeOptions>;

/** A pinned judge as recorded in the eval folder and with every run. */
export const JudgePin = z
  .object({
    model: z.string().min(1),
    /** Manifest digest from /api/tags (covers weights, template and Modelfile parameters). */
    digest: Sha256,
    /** SHA-256 of the prompt template, rendered rubric and output schema (promptShaInput). */
    promptSha: Sha256,
    rubricVersion: z.string().min(1),
    options: JudgeOptions,
    think: z.literal(false),
    serverVersion: z.string().min(1),
  })
  .strict();
export type JudgePin = z.infer<typeof JudgePin>;

/** SHA-256 of what the prompt SHA covers for this rubric. */
export function promptSha(rubric: RubricConfig): string {
  return sha256Hex(promptShaInput(rubric));
}

/** Build a pin from the server facts (digest, version) and the local configuration. */
export function makePin(input: { model: string; digest: string; serverVersion: string; rubric: RubricConfig; options: JudgeOptions }): JudgePin {
  return JudgePin.parse({
    model: input.model,
    digest: input.digest,
    promptSha: promptSha(input.rubric),
    rubricVersion: input.rubric.version,
    options: input.options,
    think: false,
    serverVersion: input.serverVersion,
  });
}

/** Stable key of a pin: SHA-256 of its canonical JSON (key order does not matter). */
export function pinKey(pin: JudgePin): string {
  return sha256Hex(canonicalJson(pin));
}

/** The fields in which two pins differ, in plain words, for messages and run records. */
export function pinDifferences(pinned: JudgePin, current: JudgePin): string[] {
  const out: string[] = [];
  const short = (d: string): string => d.slice(0, 12);
  if (pinned.model !== current.model) out.push(`model ${pinned.model} → ${current.model}`);
  if (pinned.digest !== current.digest) out.push(`model digest ${short(pinned.digest)} → ${short(current.digest)}`);
  if (pinned.promptSha !== current.promptSha) out.push('prompt template, rubric text or output schema changed');
  if (pinned.rubricVersion !== current.rubricVersion) out.push(`rubric version ${pinned.rubricVersion} → ${current.rubricVersion}`);
  if (canonicalJson(pinned.options) !== canonicalJson(current.options)) out.push(`options ${canonicalJson(pinned.options)} → ${canonicalJson(current.options)}`);
  if (pinned.serverVersion !== current.serverVersion) out.push(`Ollama ${pinned.serverVersion} → ${current.serverVersion}`);
  return out;
}

/**
 * Content hash of a conversation: its traces' ids and content hashes in time order. A trace edited
 * or added to the conversation changes it, so the judgment is redone.
 */
export function conversationContentHash(conversation: Pick<Conversation, 'traces'>): string {
  const parts = [...conversation.traces]
    .sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0) || a.id.localeCompare(b.id))
    .map((t) => `${t.id}:${t.contentHash}`);
  return sha256Hex(parts.join('\n'));
}
