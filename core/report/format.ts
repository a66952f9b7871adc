/** Small pure formatters shared by the Markdown and HTML summaries. */

/** A share 0..1 as a percentage with one decimal. */
export function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Epoch ms as an ISO timestamp to the minute (UTC). */
export function isoMinute(ms: number | null): string {
  return ms === null ? '-' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Milliseconds as seconds or minutes. */
export function duration(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
