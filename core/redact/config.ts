/**
 * Redaction configuration, as read from the eval folder's YAML (`redaction:` section).
 * Validated with zod; a custom pattern whose regex does not compile, or could stall an import by backtracking,
 * fails with the pattern's name.
 */
import { z } from 'zod';
import { configuredRegexProblem } from '../model/regex-safety.js';
import { ENTITY_TYPES } from './types.js';

const TypeName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'type must be UPPER_SNAKE_CASE (e.g. CUSTOMER_ID)');

/** A team's own pattern: every match of `regex` is masked as `type`. */
export const CustomPattern = z.object({
  name: z.string().min(1),
  regex: z.string().min(1),
  /** Regex flags; `g` is always added. */
  flags: z.string().regex(/^[imsuy]*$/, 'flags may only contain i, m, s, u, y').default(''),
  type: TypeName.default('CUSTOM'),
});
export type CustomPattern = z.infer<typeof CustomPattern>;

/** A value that is always masked (e.g. a customer name), with the type its placeholder shows. */
export const DenyEntry = z.union([
  z.string().min(1),
  z.object({ value: z.string().min(1), type: TypeName.default('PERSON') }),
]);
export type DenyEntry = z.infer<typeof DenyEntry>;

/** A deny-list file: a path (values masked as PERSON), or a path and the type its placeholders show. */
export const ListFile = z.union([z.string().min(1), z.object({ path: z.string().min(1), type: TypeName.default('PERSON') }).strict()]);
export type ListFile = z.infer<typeof ListFile>;

/** Largest list file read (bytes): a list is names or values, not a data dump. */
export const MAX_LIST_FILE_BYTES = 32 * 1024 * 1024;

/** The values of a list file with their 1-based line numbers: one per line, trimmed; blank lines and `#` comments skipped. */
export function listFileEntries(text: string): Array<{ value: string; line: number }> {
  const out: Array<{ value: string; line: number }> = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n|\r/)
    .forEach((raw, i) => {
      const value = raw.trim();
      if (value !== '' && !value.startsWith('#')) out.push({ value, line: i + 1 });
    });
  return out;
}

/**
 * Why a deny-list value cannot be used, or undefined. A value with fewer than two letters or digits ("a",
 * "-", "J.") would mask that word everywhere: every "a" of every trace. It is almost always a stray line.
 */
export function denyValueProblem(value: string): string | undefined {
  const alnum = value.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  if (alnum >= 2) return undefined;
  return `deny-list value ${JSON.stringify(value.trim())} has ${alnum === 0 ? 'no letter or digit' : 'only one letter or digit'}: it would mask that word in every trace`;
}

/** An extra key whose values are always masked; a bare string takes its type from the key name. */
export const SensitiveKeyEntry = z.union([z.string().min(1), z.object({ key: z.string().min(1), type: TypeName })]);
export type SensitiveKeyEntry = z.infer<typeof SensitiveKeyEntry>;

const RecognizerToggles = z.object(
  Object.fromEntries(ENTITY_TYPES.map((t) => [t, z.boolean().optional()])) as Record<
    (typeof ENTITY_TYPES)[number],
    z.ZodOptional<z.ZodBoolean>
  >,
);

/** The `redaction:` section of the eval folder's configuration. */
export const RedactionConfig = z
  .object({
    /** Turn built-in recognizers off (all are on by default), e.g. `{ URL: false }`. */
    recognizers: RecognizerToggles.strict().default({}),
    /** `all`: every URL and bare domain is masked; `credentials`: only URLs carrying tokens or passwords. */
    urls: z.enum(['all', 'credentials']).default('all'),
    customPatterns: z.array(CustomPattern).default([]),
    /** Exact values (case-insensitive) never masked, e.g. the company's support address. */
    allowList: z.array(z.string().min(1)).default([]),
    /** Values always masked wherever they appear as whole words (case-insensitive). */
    denyList: z.array(DenyEntry).default([]),
    sensitiveKeys: z.array(SensitiveKeyEntry).default([]),
    /**
     * Text files of deny-list values, one per line (a customer list), relative to the eval folder. The eval
     * folder's loader reads them into `denyList` and drops this key; the redactor itself reads no files.
     * Optional without a default, so configurations without files keep the JSON (and redaction mark) they had.
     */
    denyListFiles: z.array(ListFile).optional(),
    /** Text files of allow-list values, one per line; read into `allowList` the same way. */
    allowListFiles: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    cfg.denyList.forEach((e, i) => {
      const problem = denyValueProblem(typeof e === 'string' ? e : e.value);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['denyList', i], message: problem });
    });
    cfg.customPatterns.forEach((p, i) => {
      const problem = regexProblem(p);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['customPatterns', i, 'regex'], message: problem });
    });
  });
export type RedactionConfig = z.infer<typeof RedactionConfig>;
export type RedactionConfigInput = z.input<typeof RedactionConfig>;

/** Thrown by `createRedactor` for a configuration that cannot be used. */
export class RedactionConfigError extends Error {
  override name = 'RedactionConfigError';
}

/**
 * Why a custom pattern cannot be used, or undefined when it compiles, cannot match the empty string and
 * cannot backtrack super-linearly on any input.
 */
export function regexProblem(p: Pick<CustomPattern, 'name' | 'regex' | 'flags'>): string | undefined {
  const flags = `${p.flags ?? ''}g`;
  const problem = configuredRegexProblem(p.regex, flags, `/${p.regex}/`);
  if (problem !== undefined) return `custom pattern "${p.name}": ${problem}`;
  if (new RegExp(p.regex, flags).test('')) return `custom pattern "${p.name}": /${p.regex}/ matches the empty string`;
  return undefined;
}

/** Parses a config object (e.g. from YAML), throwing a RedactionConfigError whose message names each problem. */
export function parseRedactionConfig(input: unknown): RedactionConfig {
  const r = RedactionConfig.safeParse(input ?? {});
  if (!r.success) {
    const msg = r.error.issues.map((i) => (i.code === 'custom' ? i.message : `${i.path.join('.') || '(root)'}: ${i.message}`)).join('; ');
    throw new RedactionConfigError(`invalid redaction config: ${msg}`);
  }
  return r.data;
}
