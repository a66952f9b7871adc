/**
 * `casebook modes`: list the failure-mode taxonomy and its proposals, and decide on a proposal
 * (accept, rename, merge into a mode, reject). Decisions are written back into eval/failure_modes.yaml.
 */
import type { ProposalDecision } from '../../failures/cluster.js';
import { decideProposal, listModes, ProposalNotFoundError } from '../../promote/modes-store.js';
import { ExitCode, type CliIo } from '../io.js';
import { UsageError } from './traces.js';

/** Options of the modes command. */
export interface ModesOptions {
  evalDir: string;
  accept?: string;
  reject?: string;
  rename?: string;
  title?: string;
  merge?: string;
  into?: string;
}

/** Run the modes command. */
export function runModes(o: ModesOptions, io: CliIo): number {
  const target = o.accept ?? o.reject ?? o.rename ?? o.merge;
  if (!target) {
    const t = listModes(o.evalDir);
    const lines = ['Failure modes:'];
    for (const m of t.modes) {
      lines.push(`  ${m.id.padEnd(26)} ${String(m.count).padStart(5)}  ${m.title}${m.last_seen ? `  (last seen ${m.last_seen})` : ''}`);
      // The terms a new failure joins this mode by (from the proposals accepted into it).
      if (m.indicators.terms.length > 0) lines.push(`  ${''.padEnd(26)}        joins by terms: ${m.indicators.terms.join(', ')}`);
    }
    lines.push(t.proposals.length ? 'Proposed (decide with --accept, --rename ID --title T, --merge ID --into MODE, --reject):' : 'No proposals.');
    for (const p of t.proposals) lines.push(`  ${p.id}  ${p.size} failure(s)  "${p.title}"  terms: ${p.terms.join(', ')}`);
    io.stdout(`${lines.join('\n')}\n`);
    return ExitCode.ok;
  }
  let decision: ProposalDecision;
  if (o.accept) decision = { action: 'accept' };
  else if (o.reject) decision = { action: 'reject' };
  else if (o.rename) {
    if (!o.title) throw new UsageError('--rename needs --title "the new title"');
    decision = { action: 'rename', title: o.title };
  } else {
    if (!o.into) throw new UsageError('--merge needs --into MODE_ID');
    decision = { action: 'merge', into: o.into };
  }
  const today = new Date().toISOString().slice(0, 10);
  let modeId: string | undefined;
  try {
    modeId = decideProposal(o.evalDir, target, decision, today).modeId;
  } catch (err) {
    if (err instanceof ProposalNotFoundError) throw new UsageError(`${err.message} (see \`casebook modes\`)`);
    throw err;
  }
  io.stdout(modeId ? `${target} → failure mode ${modeId}\n` : `${target} rejected; it will not be proposed again\n`);
  return ExitCode.ok;
}
