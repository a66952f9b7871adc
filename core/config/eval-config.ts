/**
 * The eval folder's configuration (`eval/casebook.yaml`): redaction, sampling, rules, rubric and judge.
 * One zod schema, strict at every level, so a typo is an error with its line instead of a silent default.
 * Pure: reading the files is eval-folder.ts's job.
 */
import { z } from 'zod';
import { RedactionConfig } from '../redact/index.js';
import { SamplingConfig } from '../sample/config.js';
import { RuleSpec, defaultRulesConfig } from '../rules/config.js';
import { RubricConfig, defaultRubric } from '../judge/rubric.js';
import { JudgeOptions, JudgePin } from '../judge/pin.js';
import { DEFAULT_JUDGE_HOST } from '../judge/host.js';
import { parseYamlConfig } from './yaml-config.js';

/** The `judge:` section: which local model grades, how to reach it, and how hard to push it. */
export const JudgeSection = z
  .object({
    /** Ollama model name, e.g. qwen3:8b. Without a judge section the run grades with rules only. */
    model: z.string().min(1),
    host: z.string().default(DEFAULT_JUDGE_HOST),
    allowRemoteHost: z.boolean().default(false),
    options: JudgeOptions.partial().default({}),
    keepAlive: z.union([z.string(), z.number()]).default('10m'),
    timeoutMs: z.number().int().positive().default(180_000),
    retries: z.number().int().min(0).max(10).default(3),
    /** Judge calls in flight; 1 keeps Ollama's output reproducible. */
    concurrency: z.number().int().min(1).max(32).default(1),
    /** `rules-passed`: only conversations no rule failed go to the judge; `all`: every sampled one. */
    grade: z.enum(['rules-passed', 'all']).default('rules-passed'),
  })
  .strict();
export type JudgeSection = z.infer<typeof JudgeSection>;

/** The whole eval/casebook.yaml. Every section is optional; defaults are Casebook's. */
export const EvalConfig = z
  .object({
    /** Editors' schema reference (ignored by Casebook). */
    $schema: z.string().optional(),
    redaction: RedactionConfig.default(RedactionConfig.parse({})),
    sampling: SamplingConfig.default(SamplingConfig.parse({})),
    rules: z.array(RuleSpec).default(defaultRulesConfig.rules),
    rubric: RubricConfig.default(defaultRubric),
    judge: JudgeSection.optional(),
  })
  .strict();
export type EvalConfig = z.infer<typeof EvalConfig>;

/** The pin file (`eval/judge-pin.yaml`), written by `casebook judge pin`. */
export const JudgePinFile = z.object({ $schema: z.string().optional(), pin: JudgePin }).strict();
export type JudgePinFile = z.infer<typeof JudgePinFile>;

const TOP_KEYS = ['$schema', 'redaction', 'sampling', 'rules', 'rubric', 'judge'];

/** Parse eval/casebook.yaml text (an empty file gives the defaults). Throws ConfigError with the line. */
export function parseEvalConfig(text: string, file: string): EvalConfig {
  return parseYamlConfig(text, file, EvalConfig, {
    what: 'eval config',
    knownKeys: (parent) => (parent === '' ? TOP_KEYS : parent === 'judge' ? Object.keys(JudgeSection.shape) : undefined),
  });
}

/** Parse eval/judge-pin.yaml text. */
export function parseJudgePinFile(text: string, file: string): JudgePinFile {
  return parseYamlConfig(text, file, JudgePinFile, { what: 'judge pin file' });
}
