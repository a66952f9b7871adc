/**
 * The service side of the Failure modes screen: the taxonomy and its proposals from the eval folder, and
 * one decision at a time saved through core/promote/modes-store (the same path `casebook modes` takes).
 * The file is small, so the work is synchronous.
 */
import type { ProposalDecision } from '../failures/cluster.js';
import { decideProposal, listModes, ProposalNotFoundError, UnknownModeError } from '../promote/modes-store.js';
import { ApiError, type ModesDecideRequest, type ModesDecideResult, type ModesList } from './contract.js';

/** The modes and open proposals of the eval folder `evalDir`, in the file's order. */
export function modesList(evalDir: string): ModesList {
  const t = listModes(evalDir);
  return {
    path: t.path,
    modes: t.modes.map((m) => ({
      id: m.id,
      title: m.title,
      category: m.category,
      description: m.description,
      count: m.count,
      firstSeen: m.first_seen ?? null,
      lastSeen: m.last_seen ?? null,
      aliases: m.indicators.aliases,
      terms: m.indicators.terms,
    })),
    proposals: t.proposals.map((p) => ({
      id: p.id,
      title: p.title,
      titleSource: p.title_source ?? null,
      description: p.description ?? null,
      acceptId: p.accept_id,
      size: p.size,
      terms: p.terms,
      examples: p.examples,
    })),
  };
}

function toDecision(r: ModesDecideRequest): ProposalDecision {
  // The contract's refinements guarantee title with rename and into with merge.
  if (r.decision === 'rename') return { action: 'rename', title: r.title ?? '' };
  if (r.decision === 'merge') return { action: 'merge', into: r.into ?? '' };
  return { action: r.decision };
}

/**
 * Apply and save one decision, the mode dated `today` (YYYY-MM-DD). A proposal or merge target that is not
 * in the file is `not_found`; a file changed on disk since it was read stops the write with its message.
 */
export function modesDecide(evalDir: string, request: ModesDecideRequest, today: string): ModesDecideResult {
  const dryRun = request.dryRun === true;
  try {
    const r = decideProposal(evalDir, request.proposalId, toDecision(request), today, { dryRun });
    return { proposalId: request.proposalId, decision: request.decision, modeId: r.modeId ?? null, written: r.written ? [r.written] : [], dryRun };
  } catch (err) {
    if (err instanceof ProposalNotFoundError || err instanceof UnknownModeError) throw new ApiError('not_found', err.message);
    throw err;
  }
}
