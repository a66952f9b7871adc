/**
 * The file side of deciding on proposed failure modes, shared by `casebook modes` and the app's Failure
 * modes screen so a decision is saved the same way from both: applied to eval/failure_modes.yaml with
 * the document writer (comments and key order kept, refused when the file changed on disk since it was read).
 */
import { applyProposal, type ProposalDecision } from '../failures/cluster.js';
import type { FailureMode, FailureModeTaxonomy, ProposalEntry } from '../failures/taxonomy.js';
import { readFailureModes, writeFailureModes } from './write.js';

/** A proposal id that is not (any more) in the file: decided elsewhere, or never there. */
export class ProposalNotFoundError extends Error {
  override readonly name = 'ProposalNotFoundError';
}

/** A merge into a mode the taxonomy does not have (by id or alias). */
export class UnknownModeError extends Error {
  override readonly name = 'UnknownModeError';
}

/** A proposal as listed, with the id accepting it as is would give (ids already taken get a suffix). */
export interface ListedProposal extends ProposalEntry {
  accept_id: string;
}

/** The taxonomy file as a decision screen needs it. */
export interface ModesListing {
  path: string;
  modes: FailureMode[];
  proposals: ListedProposal[];
  /** Ids of proposals rejected earlier. */
  rejected: string[];
}

/** What one decision did (or, on a dry run, would do). */
export interface ProposalOutcome {
  proposal: ProposalEntry;
  /** The mode the proposal's failures now belong to; undefined on reject. */
  modeId?: string;
  /** The file written; undefined on a dry run or when nothing changed. */
  written?: string;
  taxonomy: FailureModeTaxonomy;
}

function apply(taxonomy: FailureModeTaxonomy, p: ProposalEntry, decision: ProposalDecision, date: string | undefined): { taxonomy: FailureModeTaxonomy; modeId?: string } {
  // Checked before applyProposal so callers get a typed error rather than a plain one.
  if (decision.action === 'merge' && !taxonomy.modes.some((m) => m.id === decision.into || m.indicators.aliases.includes(decision.into))) {
    throw new UnknownModeError(`cannot merge proposal ${p.id}: no failure mode "${decision.into}"`);
  }
  const proposal = { id: p.id, title: p.title, suggestedId: p.suggested_id, size: p.size, terms: p.terms, ...(p.description !== undefined ? { description: p.description } : {}) };
  return applyProposal(taxonomy, proposal, decision, date);
}

/** Read eval/failure_modes.yaml of `evalDir` (the starter taxonomy when missing): its modes and open proposals. */
export function listModes(evalDir: string): ModesListing {
  const read = readFailureModes(evalDir);
  const t = read.value;
  return {
    path: read.path,
    modes: t.modes,
    // The accept id comes from the same code that accepts, so what the screen shows is what gets written.
    proposals: t.proposals.map((p) => ({ ...p, accept_id: apply(t, p, { action: 'accept' }, undefined).modeId ?? p.suggested_id })),
    rejected: t.rejected,
  };
}

/**
 * Apply one decision on proposal `proposalId` and write the file, dating the mode's sighting `date`
 * (YYYY-MM-DD). With `dryRun` nothing is written: the outcome tells which id a mode would get.
 * Throws ProposalNotFoundError, UnknownModeError, or StaleWriteError when the file changed on disk.
 */
export function decideProposal(evalDir: string, proposalId: string, decision: ProposalDecision, date: string, options: { dryRun?: boolean } = {}): ProposalOutcome {
  const read = readFailureModes(evalDir);
  const proposal = read.value.proposals.find((p) => p.id === proposalId);
  if (!proposal) throw new ProposalNotFoundError(`no proposal ${proposalId} in ${read.path}`);
  const r = apply(read.value, proposal, decision, date);
  if (options.dryRun) return { proposal, modeId: r.modeId, taxonomy: r.taxonomy };
  const changed = writeFailureModes(evalDir, read, r.taxonomy);
  return { proposal, modeId: r.modeId, written: changed ? read.path : undefined, taxonomy: r.taxonomy };
}
