/** Small formatting helpers for the views. Output is always plain text, rendered as text by React. */

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** Throughput in MB/s (10^6 bytes, as disks and benchmarks count). */
export function formatRate(bytes: number, elapsedMs: number): string {
  if (elapsedMs <= 0) return '– MB/s';
  return `${(bytes / 1e6 / (elapsedMs / 1000)).toFixed(1)} MB/s`;
}

/** A value as indented JSON; a string holding JSON is parsed first so tool results read as structures. */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return JSON.stringify(JSON.parse(trimmed), null, 2);
      } catch {
        return value;
      }
    }
    return value;
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** Epoch ms → local date and time, or '' when unknown. */
export function formatTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : new Date(ms).toLocaleString();
}

/** A share 0..1 as a percentage with one decimal, as the one-page summary writes it. */
export function formatPct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Milliseconds as seconds or minutes, as the one-page summary writes them. */
export function formatDuration(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * What a stored id stands for, for its tooltip: an id that held PII is stored as its type and a keyed hash
 * ("PHONE-3fa9…", core/redact/stored-id.ts); undefined for any other id.
 */
export function hiddenIdNote(id: string | undefined): string | undefined {
  const m = /^([A-Z][A-Z0-9_]*)-[0-9a-f]{20}$/.exec(id ?? '');
  return m ? `This id held PII (${m[1]}), so it is stored as its type and a keyed hash: the same on every import, never the value.` : undefined;
}
