/**
 * tau-bench trajectories: `{task_id, trial, reward, info, traj}` records, where `traj` is the OpenAI chat
 * transcript (its system message is the agent policy), and the few-shot files' flattened transcripts
 * `{messages_display: "user: ...\nassistant: ...\ntool: ..."}`.
 */
import type { FormatParser, ParseContext, ParseResult, RecordLocation } from '../format.js';
import { RecordShapeError } from '../format.js';
import type { MessageInput, Role, TraceDraft } from '../../model/trace.js';
import { canonicalJson, finalizeMessages, fromOpenAiMessages, isObject, linkToolResults, num, str, toJson } from '../transcript.js';
import { emptyDraft, errorText, idText } from './openai-chat.js';

type Obj = Record<string, unknown>;

function isTrajectory(record: Obj): boolean {
  return Array.isArray(record.traj) && ('task_id' in record || 'reward' in record);
}

function isFewShot(record: Obj): boolean {
  return typeof record.messages_display === 'string';
}

/** The policy's title ("# Airline Agent Policy"): it names the domain, which the record does not. */
function policyTitle(messages: readonly MessageInput[]): string | undefined {
  const system = messages.find((m) => m.role === 'system');
  // Blanks, not \s: \s would run across a long stretch of empty lines from each of their starts.
  const m = system ? /^[ \t]*#[ \t]*(\S.*)$/m.exec(system.text) : null;
  return m?.[1]?.trim();
}

function parseTrajectory(record: Obj, ctx: ParseContext): TraceDraft {
  const taskId = idText(record.task_id);
  const trial = idText(record.trial);
  const sourceTraceId =
    taskId !== undefined ? `task-${taskId}${trial !== undefined ? `-trial-${trial}` : ''}` : ctx.hash(canonicalJson(record));
  const draft = emptyDraft({ format: 'tau-bench', file: ctx.file, sourceTraceId });
  draft.messages = finalizeMessages(linkToolResults(fromOpenAiMessages(record.traj)));

  const reward = num(record.reward);
  if (reward !== undefined) {
    draft.outcome.reward = reward;
    draft.outcome.success = reward >= 1;
  }
  const info = isObject(record.info) ? record.info : {};
  const task = isObject(info.task) ? info.task : {};
  const userId = idText(task.user_id);
  if (userId) draft.userId = userId;

  const meta = draft.metadata;
  if (taskId !== undefined) meta.task_id = num(taskId) ?? taskId;
  if (trial !== undefined) meta.trial = num(trial) ?? trial;
  const instruction = str(task.instruction);
  if (instruction) meta.task_instruction = instruction;
  // The ground-truth action sequence and required outputs: a gold reference for grading.
  if (Array.isArray(task.actions)) meta.expected_actions = toJson(task.actions);
  if (Array.isArray(task.outputs) && task.outputs.length > 0) meta.expected_outputs = toJson(task.outputs);
  const rewardInfo = isObject(info.reward_info) ? info.reward_info : {};
  const rewardDetail = isObject(rewardInfo.info) ? rewardInfo.info : {};
  for (const [k, v] of Object.entries(rewardDetail)) {
    // r_actions, r_outputs, outputs...: why the reward is what it is.
    if (v !== undefined && k !== 'gt_data_hash') meta[k] = toJson(v);
  }
  const userCost = num(info.user_cost);
  if (userCost !== undefined) meta.user_cost = userCost;
  const title = policyTitle(draft.messages);
  if (title) meta.policy = title;

  const err = errorText(info.error);
  if (err) {
    draft.status = 'error';
    draft.error = err;
  }
  return draft;
}

const ROLE_LINE = /^(user|assistant|tool|system): ?(.*)$/;

/**
 * Split a flattened `role: text` transcript into messages. A message runs until the next line that starts
 * with a role prefix; `assistant: None` is a tool-call turn whose tool the transcript does not name.
 */
export function parseRoleTranscript(text: string): MessageInput[] {
  const turns: Array<{ role: Role; lines: string[] }> = [];
  for (const line of text.split('\n')) {
    const m = ROLE_LINE.exec(line);
    if (m) turns.push({ role: m[1] as Role, lines: [m[2] ?? ''] });
    else if (turns.length > 0) turns[turns.length - 1]?.lines.push(line);
    // Text before the first role prefix has no speaker; it is not part of any message.
  }
  return turns.map(({ role, lines }) => {
    const body = lines.join('\n');
    if (role === 'assistant' && body.trim() === 'None') {
      return { role, text: '', toolCalls: [{ name: 'unknown', arguments: null, status: 'unknown' as const }] };
    }
    return { role, text: body };
  });
}

function parseFewShot(record: Obj, ctx: ParseContext): TraceDraft {
  const text = record.messages_display as string;
  const messages = parseRoleTranscript(text);
  if (messages.length === 0) throw new RecordShapeError('messages_display holds no `user:`/`assistant:`/`tool:` lines');
  const draft = emptyDraft({ format: 'tau-bench', file: ctx.file, sourceTraceId: ctx.hash(canonicalJson(record)) });
  draft.messages = finalizeMessages(linkToolResults(messages));
  draft.metadata.variant = 'few-shot';
  return draft;
}

export const tauBenchParser: FormatParser = {
  id: 'tau-bench',
  title: 'tau-bench trajectories',
  detection: 'an object with `traj` (OpenAI chat messages) and `task_id`/`reward`, or a few-shot `messages_display` transcript',
  framing: 'json',
  detect(record: unknown): number {
    if (!isObject(record)) return 0;
    if (isTrajectory(record)) return 'task_id' in record && 'reward' in record ? 0.95 : 0.8;
    if (isFewShot(record)) return ROLE_LINE.test(String(record.messages_display).split('\n')[0] ?? '') ? 0.9 : 0.5;
    return 0;
  },
  parse(record: unknown, _location: RecordLocation, ctx: ParseContext): ParseResult {
    if (!isObject(record)) throw new RecordShapeError('expected a JSON object {task_id, trial, reward, info, traj}');
    if (isTrajectory(record)) return { traces: [parseTrajectory(record, ctx)], fragments: [] };
    if (isFewShot(record)) return { traces: [parseFewShot(record, ctx)], fragments: [] };
    throw new RecordShapeError(
      `expected a tau-bench record with a \`traj\` array (or a few-shot \`messages_display\` string); got keys: ${Object.keys(record).slice(0, 8).join(', ') || '(none)'}`,
    );
  },
};
