/** Grading runs and their per-conversation results. JSON columns are opaque to the store. */
import type { Db } from './database.js';
import type { RunPromotion } from '../model/run.js';

/** A run as recorded when it starts. */
export interface RunRecord {
  id: string;
  startedAt: number;
  config: unknown;
  configHash: string;
  judgePin: unknown;
  windowFrom: number | null;
  windowTo: number | null;
}

/** One graded conversation of a run. */
export interface RunItemRecord {
  conversationKey: string;
  traceIds: string[];
  intent: string;
  stakes: string;
  weight: number;
  contentHash: string;
  rules: unknown;
  judge: unknown;
  verdict: 'pass' | 'fail' | 'borderline' | 'ungraded';
  reasons: string[];
}

/** A finished (or interrupted) run as listed. */
export interface RunRow {
  id: string;
  startedAt: number;
  finishedAt: number | null;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  /** The summary recorded when the run ended, with its promotion (if any) under `promotion`. */
  summary: unknown;
}

type RunRowSql = {
  id: string;
  started_at: number;
  finished_at: number | null;
  status: RunRow['status'];
  summary: string | null;
  run_date: string | null;
  new_case_ids: string | null;
  regressions: string | null;
  review_count: number | null;
  proposals: string | null;
};

const RUN_COLUMNS = `r.id, r.started_at, r.finished_at, r.status, r.summary,
  p.run_date, p.new_case_ids, p.regressions, p.review_count, p.proposals
  FROM runs r LEFT JOIN run_promotions p ON p.run_id = r.id`;

function promotionOf(r: Pick<RunRowSql, 'run_date' | 'new_case_ids' | 'regressions' | 'review_count' | 'proposals'>): RunPromotion | undefined {
  if (r.run_date === null || r.new_case_ids === null || r.regressions === null || r.proposals === null) return undefined;
  return {
    date: r.run_date,
    newCaseIds: JSON.parse(r.new_case_ids) as string[],
    regressions: JSON.parse(r.regressions) as RunPromotion['regressions'],
    reviewCount: r.review_count ?? 0,
    proposals: JSON.parse(r.proposals) as RunPromotion['proposals'],
  };
}

function rowOf(r: RunRowSql): RunRow {
  const summary = r.summary === null ? null : (JSON.parse(r.summary) as unknown);
  const promotion = promotionOf(r);
  // One summary object for every reader (CLI, app, the rewritten eval/runs files): the promotion is
  // kept in its own table, so a re-promote never rewrites the summary the run recorded.
  const merged = promotion && summary !== null && typeof summary === 'object' && !Array.isArray(summary) ? { ...summary, promotion } : summary;
  return { id: r.id, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status, summary: merged };
}

/** Repository over runs and run_items. */
export class RunRepository {
  private readonly upsertItem;

  constructor(private readonly db: Db) {
    this.upsertItem = db.prepare(`INSERT INTO run_items (run_id, conversation_key, trace_ids, intent, stakes, weight,
        content_hash, rules, judge, verdict, reasons)
      VALUES (@runId, @conversationKey, @traceIds, @intent, @stakes, @weight, @contentHash, @rules, @judge, @verdict, @reasons)
      ON CONFLICT (run_id, conversation_key) DO UPDATE SET rules = excluded.rules, judge = excluded.judge,
        verdict = excluded.verdict, reasons = excluded.reasons, content_hash = excluded.content_hash`);
  }

  /** Record a new run. */
  create(r: RunRecord): void {
    this.db
      .prepare(`INSERT INTO runs (id, started_at, status, config, config_hash, judge_pin, window_from, window_to)
        VALUES (?, ?, 'running', ?, ?, ?, ?, ?)`)
      .run(r.id, r.startedAt, JSON.stringify(r.config), r.configHash, r.judgePin === undefined ? null : JSON.stringify(r.judgePin), r.windowFrom, r.windowTo);
  }

  /** Record (or update) one conversation's result. */
  saveItem(runId: string, item: RunItemRecord): void {
    this.upsertItem.run({
      runId,
      conversationKey: item.conversationKey,
      traceIds: JSON.stringify(item.traceIds),
      intent: item.intent,
      stakes: item.stakes,
      weight: item.weight,
      contentHash: item.contentHash,
      rules: JSON.stringify(item.rules),
      judge: item.judge === undefined ? null : JSON.stringify(item.judge),
      verdict: item.verdict,
      reasons: JSON.stringify(item.reasons),
    });
  }

  /** Record how a run ended, with its summary. */
  finish(runId: string, status: 'done' | 'cancelled' | 'failed', summary: unknown, finishedAt = Date.now()): void {
    this.db
      .prepare('UPDATE runs SET status = ?, finished_at = ?, summary = ? WHERE id = ?')
      .run(status, finishedAt, JSON.stringify(summary), runId);
  }

  /** The most recent runs, newest first. */
  list(limit = 20): RunRow[] {
    const rows = this.db.prepare(`SELECT ${RUN_COLUMNS} ORDER BY r.started_at DESC, r.id DESC LIMIT ?`).all(limit) as RunRowSql[];
    return rows.map(rowOf);
  }

  /** One run by id, or undefined. */
  get(runId: string): RunRow | undefined {
    const r = this.db.prepare(`SELECT ${RUN_COLUMNS} WHERE r.id = ?`).get(runId) as RunRowSql | undefined;
    return r ? rowOf(r) : undefined;
  }

  /** The judge pin a run started with (parsed JSON), or undefined when it had none or there is no such run. */
  judgePin(runId: string): unknown {
    const text = this.db.prepare('SELECT judge_pin FROM runs WHERE id = ?').pluck().get(runId) as string | null | undefined;
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  /** What the last promote of this run recorded, or undefined when it was never promoted. */
  promotion(runId: string): RunPromotion | undefined {
    const r = this.db.prepare('SELECT run_date, new_case_ids, regressions, review_count, proposals FROM run_promotions WHERE run_id = ?').get(runId) as
      | Pick<RunRowSql, 'run_date' | 'new_case_ids' | 'regressions' | 'review_count' | 'proposals'>
      | undefined;
    return r ? promotionOf(r) : undefined;
  }

  /** Record (or replace) what promote did with a run. */
  savePromotion(runId: string, p: RunPromotion, promotedAt = Date.now()): void {
    this.db
      .prepare(`INSERT INTO run_promotions (run_id, promoted_at, run_date, new_case_ids, regressions, review_count, proposals)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id) DO UPDATE SET promoted_at = excluded.promoted_at, run_date = excluded.run_date,
          new_case_ids = excluded.new_case_ids, regressions = excluded.regressions, review_count = excluded.review_count,
          proposals = excluded.proposals`)
      .run(runId, promotedAt, p.date, JSON.stringify(p.newCaseIds), JSON.stringify(p.regressions), p.reviewCount, JSON.stringify(p.proposals));
  }

  /** Content hashes of the conversations graded by runs that started before this one. */
  gradedBefore(runId: string): Set<string> {
    const hashes = this.db
      .prepare(
        `SELECT DISTINCT i.content_hash FROM run_items i JOIN runs r ON r.id = i.run_id
         WHERE r.started_at < (SELECT started_at FROM runs WHERE id = ?)`,
      )
      .pluck()
      .all(runId) as string[];
    return new Set(hashes);
  }

  /** Every item of a run, by conversation key. */
  items(runId: string): RunItemRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM run_items WHERE run_id = ? ORDER BY conversation_key')
      .all(runId) as Array<Record<string, string | number | null>>;
    return rows.map((r) => ({
      conversationKey: String(r.conversation_key),
      traceIds: JSON.parse(String(r.trace_ids)) as string[],
      intent: String(r.intent),
      stakes: String(r.stakes),
      weight: Number(r.weight),
      contentHash: String(r.content_hash),
      rules: r.rules === null ? [] : (JSON.parse(String(r.rules)) as unknown),
      judge: r.judge === null ? undefined : (JSON.parse(String(r.judge)) as unknown),
      verdict: r.verdict as RunItemRecord['verdict'],
      reasons: r.reasons === null ? [] : (JSON.parse(String(r.reasons)) as string[]),
    }));
  }
}
