/**
 * What every rule sees of a conversation, computed once and shared: the merged transcript, which
 * messages are answers, the tool calls with where they sit, and helpers that turn a finding into
 * evidence (message index, trace, span, tool call id, a quote of at most 300 characters).
 */
import type { ConversationRef, Evidence } from '../model/grade.js';
import type { Json, Message, ToolCall, Trace } from '../model/trace.js';
import { mergeTranscripts } from '../ingest/transcript.js';

/** The conversation handed to the rules layer. */
export interface RuleConversation {
  ref: ConversationRef;
  traces: readonly Trace[];
  /** conversationTranscript(traces): evidence message indexes refer to it. */
  transcript: readonly Message[];
}

/** A tool call with its place in the transcript. */
export interface LocatedToolCall {
  call: ToolCall;
  /** Index of the assistant message that made the call. */
  messageIndex: number;
  /** Index of the tool message that answered it, when the transcript has one. */
  resultIndex: number | undefined;
}

export const QUOTE_MAX = 300;

/** Shorten text for evidence: whitespace collapsed, at most `max` characters. */
export function quote(text: string, max = QUOTE_MAX): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** A tool result as text, for pattern matching and quoting. */
export function resultText(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Per-conversation facts shared by the rules; the expensive ones are computed on first use. */
export class RuleContext {
  readonly ref: ConversationRef;
  readonly traces: readonly Trace[];
  readonly messages: readonly Message[];
  /** Indexes of assistant messages that carry text and make no tool call: what the user reads. */
  readonly answers: number[] = [];
  /** Indexes of user messages. */
  readonly users: number[] = [];
  readonly toolCalls: LocatedToolCall[] = [];
  private origins: string[] | undefined;

  constructor(conversation: RuleConversation) {
    this.ref = conversation.ref;
    this.traces = conversation.traces;
    this.messages = conversation.transcript;
    const byId = new Map<string, LocatedToolCall>();
    const unanswered: LocatedToolCall[] = [];
    const msgs = this.messages;
    for (let i = 0; i < msgs.length; i++) {
      const m = msgs[i] as Message;
      if (m.role === 'user') this.users.push(i);
      else if (m.role === 'assistant') {
        if (m.toolCalls.length === 0) {
          if (m.text.trim() !== '') this.answers.push(i);
        } else {
          for (const call of m.toolCalls) {
            const located: LocatedToolCall = { call, messageIndex: i, resultIndex: undefined };
            this.toolCalls.push(located);
            if (call.id) byId.set(call.id, located);
            unanswered.push(located);
          }
        }
      } else if (m.role === 'tool') {
        let target = m.toolCallId ? byId.get(m.toolCallId) : undefined;
        // Ids repeat in some exports (tau-bench reuses them): take the earliest call still unanswered.
        if (!target || target.resultIndex !== undefined) {
          target = unanswered.find((c) => c.resultIndex === undefined && (m.toolCallId ? c.call.id === m.toolCallId : !m.name || c.call.name === m.name));
        }
        if (target) target.resultIndex = i;
      }
    }
  }

  /** The system prompt text (all system messages joined). */
  get systemText(): string {
    let s = '';
    for (const m of this.messages) if (m.role === 'system') s += (s ? '\n' : '') + m.text;
    return s;
  }

  /** The first answer after message `index` (exclusive), or undefined. */
  nextAnswer(index: number): number | undefined {
    for (const a of this.answers) if (a > index) return a;
    return undefined;
  }

  /** The last user message before `index`, or undefined. */
  previousUser(index: number): number | undefined {
    let found: number | undefined;
    for (const u of this.users) {
      if (u >= index) break;
      found = u;
    }
    return found;
  }

  /** The id of the trace a transcript message first appeared in (computed once, on first use). */
  traceIdOf(messageIndex: number): string | undefined {
    if (this.traces.length === 1) return this.traces[0]?.id;
    if (!this.origins) {
      // Merging is append-only, so merging the first k traces gives a prefix: the length after each
      // trace tells which trace contributed each message. Only failing conversations get here.
      const ordered = [...this.traces].sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
      const origins: string[] = [];
      for (let k = 0; k < ordered.length; k++) {
        const len = mergeTranscripts(ordered.slice(0, k + 1).map((t) => t.messages)).length;
        while (origins.length < len) origins.push((ordered[k] as Trace).id);
      }
      this.origins = origins;
    }
    return this.origins[messageIndex];
  }

  /** Evidence pointing at a message, quoting `text` (default: the message's own text). */
  at(messageIndex: number, text?: string, toolCallId?: string): Evidence {
    const m = this.messages[messageIndex];
    const ev: Evidence = { messageIndex, quote: quote(text ?? m?.text ?? '') };
    const traceId = this.traceIdOf(messageIndex);
    if (traceId) ev.traceId = traceId;
    if (m?.spanId) ev.spanId = m.spanId;
    if (toolCallId) ev.toolCallId = toolCallId;
    return ev;
  }

  /** Evidence pointing at a tool call: its result message when there is one, else the calling message. */
  atCall(c: LocatedToolCall, text: string): Evidence {
    const index = c.resultIndex ?? c.messageIndex;
    const ev = this.at(index, text, c.call.id);
    if (!ev.spanId) {
      const caller = this.messages[c.messageIndex];
      if (caller?.spanId) ev.spanId = caller.spanId;
    }
    return ev;
  }
}
