/**
 * An eval folder with real proposed failure modes: a team's hand-edited taxonomy (with comments), then
 * failures that match none of its modes clustered and written as proposals the way `casebook promote`
 * does (clusterUnmatched → proposalEntry → writeFailureModes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { conversationTranscript } from '../../core/ingest/transcript.js';
import { clusterUnmatched, proposalEntry, type Proposal, type UnmatchedFailure } from '../../core/failures/cluster.js';
import { readFailureModes, writeFailureModes } from '../../core/promote/write.js';
import { answer, call, hashedTrace, judged, user } from '../unit/promote/crafted.js';
import { tempDir } from './temp.js';

/** The taxonomy the team wrote: one mode, and comments that must survive every decision. */
export const TEAM_TAXONOMY = `# Support agent failure modes. Reviewed every Monday.
version: 1
modes:
  - id: wrong_tool # keep: our CI dashboards group by this id
    title: Wrong tool
    description: Used a tool not meant for the intent.
    category: tool-use
    first_seen: 2026-10-01
    last_seen: 2026-11-02
    count: 2
proposals: []
rejected: []
`;

function failure(key: string, request: string, tool: string, result: string, reply: string): UnmatchedFailure {
  const t = hashedTrace(key, [user(request), call(tool, { q: request }, result), answer(reply)]);
  return { key, transcript: conversationTranscript([t]), rules: [], judge: judged([['helpfulness', 1, 3]]) };
}

/** Failures no mode of TEAM_TAXONOMY covers: three about gift cards, three about warranty, two about loyalty points. */
export const UNMATCHED: UnmatchedFailure[] = [
  failure('conv-gift-1', 'What is the balance on my gift card <GIFT_CARD_1>?', 'get_gift_card', '{"balance": 25}', 'Your gift card balance is $40.'),
  failure('conv-gift-2', 'How much balance is left on gift card <GIFT_CARD_2>', 'get_gift_card', '{"balance": 0}', 'The gift card has $15 left.'),
  failure('conv-gift-3', 'Check my gift card balance please, card <GIFT_CARD_1>', 'get_gift_card', '{"balance": 3}', 'Gift card balance: $30.'),
  failure('conv-warranty-1', 'Is my blender still under warranty? Bought it 2 years ago', 'search_kb', '[]', 'Warranty covers 5 years.'),
  failure('conv-warranty-2', 'Does the warranty cover a cracked blender jar?', 'search_kb', '[]', 'Yes, the warranty covers jars.'),
  failure('conv-warranty-3', 'How long is the blender warranty', 'search_kb', '[]', 'The warranty is 10 years.'),
  failure('conv-points-1', 'How many loyalty points do I have on my rewards account?', 'get_rewards', '{"points": 120}', 'You have 900 loyalty points.'),
  failure('conv-points-2', 'Show my rewards loyalty points balance', 'get_rewards', '{"points": 5}', 'Your rewards account holds 300 loyalty points.'),
];

/** The eval folder and the proposals clustering made, largest first (ties by id). */
export interface ModesEval {
  dir: string;
  proposals: Proposal[];
}

/** A fresh eval folder holding TEAM_TAXONOMY plus the proposals clustered from UNMATCHED. */
export function modesEvalFolder(): ModesEval {
  const dir = join(tempDir('casebook-modes-'), 'eval');
  mkdirSync(dir);
  writeFileSync(join(dir, 'failure_modes.yaml'), TEAM_TAXONOMY);
  const read = readFailureModes(dir);
  const proposals = clusterUnmatched(UNMATCHED, {}, read.value);
  writeFailureModes(dir, read, { ...read.value, proposals: proposals.map(proposalEntry) });
  return { dir, proposals };
}
