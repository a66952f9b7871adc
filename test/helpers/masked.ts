import { createRedactor } from '../../core/redact/index.js';

const redactor = createRedactor();

/** What the default redactor masks in `text`, as "TYPE:value" strings in order, e.g. ["EMAIL:a@b.co"]. */
export function masked(text: string): string[] {
  return redactor.detect(text).map((f) => `${f.type}:${text.slice(f.start, f.end)}`);
}
