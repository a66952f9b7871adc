/**
 * Redaction report: how many values were masked, by type and by field class. Never holds values.
 */

/** The classes of trace fields the report counts separately. */
export type FieldClass =
  | 'message.text'
  | 'message.name'
  | 'toolCall.arguments'
  | 'toolCall.result'
  | 'toolCall.name'
  | 'toolCall.error'
  | 'document'
  | 'span.name'
  | 'span.attributes'
  | 'span.statusMessage'
  | 'metadata'
  | 'trace.error'
  | 'trace.userId'
  | 'trace.conversationId'
  | 'trace.sourceTraceId'
  | 'trace.ids'
  | 'trace.label'
  | 'trace.agent'
  | 'outcome.feedback'
  | 'text'
  | 'json';

export interface RedactionReportJson {
  total: number;
  byType: Record<string, number>;
  byField: Record<string, number>;
  /** Values masked because of the key they sat under (sensitive keys), a subset of `total`. */
  bySensitiveKey: number;
}

/** Accumulates counts across records of an import. */
export class RedactionReport {
  total = 0;
  bySensitiveKey = 0;
  readonly byType = new Map<string, number>();
  readonly byField = new Map<string, number>();

  /** Counts one masked value. */
  add(type: string, field: FieldClass, viaKey = false): void {
    this.total++;
    if (viaKey) this.bySensitiveKey++;
    this.byType.set(type, (this.byType.get(type) ?? 0) + 1);
    this.byField.set(field, (this.byField.get(field) ?? 0) + 1);
  }

  /** Adds another report's counts into this one. */
  merge(other: RedactionReport): void {
    this.total += other.total;
    this.bySensitiveKey += other.bySensitiveKey;
    for (const [k, v] of other.byType) this.byType.set(k, (this.byType.get(k) ?? 0) + v);
    for (const [k, v] of other.byField) this.byField.set(k, (this.byField.get(k) ?? 0) + v);
  }

  /** Adds another report's counts into this one as if they had all been found in `field`. */
  mergeAs(other: RedactionReport, field: FieldClass): void {
    if (other.total === 0) return;
    this.total += other.total;
    this.bySensitiveKey += other.bySensitiveKey;
    for (const [k, v] of other.byType) this.byType.set(k, (this.byType.get(k) ?? 0) + v);
    this.byField.set(field, (this.byField.get(field) ?? 0) + other.total);
  }

  /** Plain JSON with keys sorted, for the CLI and the run summary. */
  toJSON(): RedactionReportJson {
    const sorted = (m: Map<string, number>): Record<string, number> =>
      Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));
    return { total: this.total, byType: sorted(this.byType), byField: sorted(this.byField), bySensitiveKey: this.bySensitiveKey };
  }
}

/** Counts by name, most first and ties by name: how the CLI, the app and the run summary list types and fields. */
export function countsMostFirst(counts: Readonly<Record<string, number>>): Array<[string, number]> {
  return Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}
