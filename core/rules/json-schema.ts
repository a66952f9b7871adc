/**
 * A small JSON Schema subset, enough for answer-format policies written in YAML: type, properties,
 * required, additionalProperties (boolean), items, enum, const, minLength/maxLength, pattern,
 * minimum/maximum, minItems/maxItems. Compiled once into a validator (patterns built at compile time).
 */
import { z } from 'zod';
import { configuredRegexProblem } from '../model/regex-safety.js';
import type { Json } from '../model/trace.js';
import { isObject } from '../ingest/transcript.js';

export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | Array<'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null'>;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: Json[];
  const?: Json;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

const TypeName = z.enum(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

/** A schema's `pattern` must compile (with `u`, as JSON Schema's ECMA-262 dialect) and run in linear time. */
function checkPattern(pattern: string, ctx: z.RefinementCtx): void {
  const problem = configuredRegexProblem(pattern, 'u', `/${pattern}/`);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
}

/** Zod schema for the supported subset (unknown keywords are rejected so a typo is not silently ignored). */
export const JsonSchemaSubset: z.ZodType<JsonSchema> = z.lazy(() =>
  z
    .object({
      type: z.union([TypeName, z.array(TypeName)]).optional(),
      properties: z.record(z.string(), JsonSchemaSubset).optional(),
      required: z.array(z.string()).optional(),
      additionalProperties: z.boolean().optional(),
      items: JsonSchemaSubset.optional(),
      enum: z.array(z.custom<Json>()).optional(),
      const: z.custom<Json>().optional(),
      minLength: z.number().int().nonnegative().optional(),
      maxLength: z.number().int().nonnegative().optional(),
      pattern: z.string().superRefine(checkPattern).optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      minItems: z.number().int().nonnegative().optional(),
      maxItems: z.number().int().nonnegative().optional(),
      $schema: z.string().optional(),
      title: z.string().optional(),
      description: z.string().optional(),
    })
    .strict(),
);

/** A compiled validator: the list of problems (`path: what`), empty when the value conforms. */
export type JsonValidator = (value: Json, path?: string) => string[];

function typeOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Compile a schema of the supported subset into a validator. */
export function compileJsonSchema(schema: JsonSchema): JsonValidator {
  const types = schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];
  const pattern = schema.pattern !== undefined ? new RegExp(schema.pattern, 'u') : undefined;
  const props = Object.entries(schema.properties ?? {}).map(([k, s]) => [k, compileJsonSchema(s)] as const);
  const known = new Set(Object.keys(schema.properties ?? {}));
  const items = schema.items ? compileJsonSchema(schema.items) : undefined;
  const enumText = schema.enum?.map((e) => JSON.stringify(e));
  const constText = schema.const !== undefined ? JSON.stringify(schema.const) : undefined;
  return (value, path = '$') => {
    const out: string[] = [];
    const t = typeOf(value);
    if (types && !types.some((x) => x === t || (x === 'number' && t === 'integer'))) return [`${path}: expected ${types.join(' or ')}, got ${t}`];
    if (enumText && !enumText.includes(JSON.stringify(value))) out.push(`${path}: not one of ${enumText.join(', ')}`);
    if (constText !== undefined && constText !== JSON.stringify(value)) out.push(`${path}: must be ${constText}`);
    if (typeof value === 'string') {
      if (schema.minLength !== undefined && value.length < schema.minLength) out.push(`${path}: shorter than ${schema.minLength}`);
      if (schema.maxLength !== undefined && value.length > schema.maxLength) out.push(`${path}: longer than ${schema.maxLength}`);
      if (pattern && !pattern.test(value)) out.push(`${path}: does not match ${schema.pattern}`);
    }
    if (typeof value === 'number') {
      if (schema.minimum !== undefined && value < schema.minimum) out.push(`${path}: below ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) out.push(`${path}: above ${schema.maximum}`);
    }
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems) out.push(`${path}: fewer than ${schema.minItems} items`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push(`${path}: more than ${schema.maxItems} items`);
      if (items) value.forEach((v, i) => out.push(...items(v, `${path}[${i}]`)));
    }
    if (isObject(value)) {
      const obj = value as Record<string, Json>;
      for (const r of schema.required ?? []) if (!(r in obj)) out.push(`${path}: missing required ${r}`);
      for (const [k, validate] of props) if (k in obj) out.push(...validate(obj[k] as Json, `${path}.${k}`));
      if (schema.additionalProperties === false) for (const k of Object.keys(obj)) if (!known.has(k)) out.push(`${path}: unexpected property ${k}`);
    }
    return out;
  };
}
