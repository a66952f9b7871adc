/** The rules layer: configuration, the built-in checks, and the runner. */
export * from './config.js';
export * from './context.js';
export * from './registry.js';
export * from './run.js';
export type { CheckResult, CompiledCheck, Finding, RuleDefinition } from './types.js';
export { compileJsonSchema, JsonSchemaSubset, type JsonSchema } from './json-schema.js';
