/**
 * `casebook modes`: list the failure-mode taxonomy and its proposals, and decide on a proposal
 * (accept, rename, merge into a mode, reject). Decisions are written back into eval/failure_modes.yaml.
 */
import { applyProposal, type ProposalDecision } from '../../failures/cluster.js';
import { readFailureModes, writeFailureModes } from '../../promote/write.js';
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
  const read = readFailureModes(o.evalDir);
  const t = read.value;
  const target = o.accept ?? o.reject ?? o.rename ?? o.merge;
  if (!target) {
    const lines = ['Failure modes:'];
    for (const m of t.modes) lines.push(`  ${m.id.padEnd(26)} ${String(m.count).padStart(5)}  ${m.title}${m.last_seen ? `  (last seen ${m.last_seen})` : ''}`);
    lines.push(t.proposals.length ? 'Proposed (decide with --accept, --rename ID --title T, --merge ID --into MODE, --reject):' : 'No proposals.');
    for (const p of t.proposals) lines.push(`  ${p.id}  ${p.size} failure(s)  "${p.title}"  terms: ${p.terms.join(', ')}`);
    io.stdout(`${lines.join('\n')}\n`);
    return ExitCode.ok;
  }
  const proposal = t.proposals.find((p) => p.id === target);
  if (!proposal) throw new UsageError(`no proposal ${target} in ${read.path} (see \`casebook modes\`)`);
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
  const r = applyProposal(t, { id: proposal.id, title: proposal.title, suggestedId: proposal.suggested_id, size: proposal.size, terms: proposal.terms }, decision, today);
  writeFailureModes(o.evalDir, read, r.taxonomy);
  io.stdout(r.modeId ? `${proposal.id} → failure mode ${r.modeId}\n` : `${proposal.id} rejected; it will not be proposed again\n`);
  return ExitCode.ok;
}
