import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RecordShapeError } from '../../../core/ingest/format.js';
import { openAiChatParser } from '../../../core/ingest/formats/openai-chat.js';
import { parseRoleTranscript, tauBenchParser } from '../../../core/ingest/formats/tau-bench.js';
import type { TraceDraft } from '../../../core/model/trace.js';
import { haveSharedFixtures, traceFixture } from '../../helpers/fixtures.js';
import { frameJsonRecords, parseFile, testContext } from '../../helpers/parse-fixture.js';

const TRAJECTORIES = 'tau-bench/gpt-4o-airline.tasks-00-24.trials-0-1.json';
const FEW_SHOT = 'tau-bench/MockAirlineDomainEnv-few_shot.jsonl';

describe('parseRoleTranscript', () => {
  it('continues a message until the next role prefix and reads `assistant: None` as an unnamed tool call', () => {
    const msgs = parseRoleTranscript('user: hi\nthere\nassistant: None\ntool: {"ok": true}\nassistant: Done.\n\n- item: 1');
    expect(msgs.map((m) => [m.role, m.text])).toEqual([
      ['user', 'hi\nthere'],
      ['assistant', ''],
      ['tool', '{"ok": true}'],
      ['assistant', 'Done.\n\n- item: 1'],
    ]);
    expect(msgs[1]?.toolCalls).toEqual([{ name: 'unknown', arguments: null, status: 'unknown' }]);
  });
});

describe('tau-bench: inline records', () => {
  const ctx = testContext('t.json');
  const loc = { file: 't.json', line: 1, byteOffset: 0, index: 0 };

  it('a trajectory without task_id gets a content-hash id; a record without traj is refused', () => {
    const t = tauBenchParser.parse({ reward: 1, traj: [{ role: 'user', content: 'x' }] }, loc, ctx).traces[0];
    expect(t?.source.sourceTraceId).toMatch(/^[0-9a-f]{64}$/);
    expect(t?.outcome).toEqual({ reward: 1, success: true, feedback: [] });
    expect(() => tauBenchParser.parse({ task_id: 1, messages: [] }, loc, ctx)).toThrow(RecordShapeError);
    expect(() => tauBenchParser.parse({ task_id: 1, messages: [] }, loc, ctx)).toThrow(/traj/);
  });

  it('takes the policy title from the first heading line, after any number of empty lines, in linear time', () => {
    const title = (system: string): unknown =>
      tauBenchParser.parse({ task_id: 3, traj: [{ role: 'system', content: system }, { role: 'user', content: 'hi' }] }, loc, ctx).traces[0]?.metadata.policy;
    expect(title('\n\n  # Retail Agent Policy  \nBe kind.')).toBe('Retail Agent Policy');
    expect(title('No heading here.\n## Rules\n')).toBe('# Rules');
    // \s* from each line start ran across all the empty lines that follow it: 2.7 s for this prompt.
    const t = performance.now();
    expect(title(`${'\n'.repeat(50_000)}x\n# Late Policy`)).toBe('Late Policy');
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('an info.error marks the run as failed', () => {
    const t = tauBenchParser.parse({ task_id: 7, trial: 2, reward: 0, info: { error: 'Traceback: KeyError' }, traj: [] }, loc, ctx).traces[0];
    expect(t?.source.sourceTraceId).toBe('task-7-trial-2');
    expect(t?.status).toBe('error');
    expect(t?.error).toBe('Traceback: KeyError');
  });
});

describe.skipIf(!haveSharedFixtures())('tau-bench trajectories (real fixtures)', () => {
  const drafts = haveSharedFixtures() ? parseFile(tauBenchParser, traceFixture(TRAJECTORIES)) : [];
  const task0 = drafts.find((d) => d.source.sourceTraceId === 'task-0-trial-0') as TraceDraft;

  it('reads all 50 trajectories, 14 of them with reward 1.0 (success)', () => {
    expect(drafts).toHaveLength(50);
    expect(new Set(drafts.map((d) => d.source.sourceTraceId)).size).toBe(50);
    expect(drafts.filter((d) => d.outcome.reward === 1)).toHaveLength(14);
    expect(drafts.filter((d) => d.outcome.success === true)).toHaveLength(14);
    expect(drafts.filter((d) => d.outcome.reward === 0 && d.outcome.success === false)).toHaveLength(36);
  });

  it('task 0 trial 0: reward, user, instruction, policy and the first user message', () => {
    expect(task0.source).toEqual({ format: 'tau-bench', file: traceFixture(TRAJECTORIES), sourceTraceId: 'task-0-trial-0' });
    expect(task0.outcome).toEqual({ reward: 0, success: false, feedback: [] });
    expect(task0.userId).toBe('mia_li_3668');
    expect(String(task0.metadata.task_instruction)).toMatch(/^You are mia_li_3668\. You want to fly from New York to Seattle on May 20/);
    expect(task0.metadata.r_actions).toBe(0);
    expect(task0.metadata.policy).toBe('Airline Agent Policy');
    expect(task0.messages[0]?.role).toBe('system');
    expect(task0.messages[0]?.text).toMatch(/^# Airline Agent Policy/);
    expect(task0.messages.find((m) => m.role === 'user')?.text).toBe(
      "Hi! I'm looking to book a flight from New York to Seattle on May 20th.",
    );
    const expected = task0.metadata.expected_actions as Array<{ name: string }>;
    expect(expected.map((a) => a.name)).toEqual(['book_reservation']);
  });

  it('task 0 trial 0: get_user_details is called with parsed arguments and gets its linked result', () => {
    const calls = task0.messages.flatMap((m) => m.toolCalls);
    const details = calls.find((c) => c.name === 'get_user_details');
    expect(details).toMatchObject({ id: 'call_oIHazX6yQrB8hUwl4cRilFKj', arguments: { user_id: 'mia_li_3668' }, status: 'ok' });
    const result = details?.result as { name: { first_name: string; last_name: string }; address: { address1: string }; dob: string };
    expect(result.name).toEqual({ first_name: 'Mia', last_name: 'Li' });
    expect(result.address.address1).toBe('975 Sunset Drive');
    expect(result.dob).toBe('1990-04-05');
  });

  it('task 0 trial 0: the first book_reservation fails with the tool error, the retry succeeds', () => {
    const bookings = task0.messages.flatMap((m) => m.toolCalls).filter((c) => c.name === 'book_reservation');
    expect(bookings).toHaveLength(2);
    expect(bookings[0]).toMatchObject({
      id: 'call_To6jjkKrBKVnDV0OhCSBvoMz',
      status: 'error',
      result: 'Error: payment amount does not add up, total price is 305, but paid 255',
    });
    expect(bookings[0]?.arguments).toMatchObject({
      user_id: 'mia_li_3668',
      origin: 'JFK',
      destination: 'SEA',
      cabin: 'economy',
      flights: [
        { flight_number: 'HAT136', date: '2024-05-20' },
        { flight_number: 'HAT039', date: '2024-05-20' },
      ],
    });
    expect(bookings[1]).toMatchObject({ id: 'call_xzPtvQpORcksdPaEddvvfA91', status: 'ok', result: { reservation_id: 'HATHAT' } });
  });

  it('reused tool-call ids link each result to the call it follows', () => {
    const calls = task0.messages.flatMap((m) => m.toolCalls).filter((c) => c.id === 'call_oIHazX6yQrB8hUwl4cRilFKj');
    expect(calls.map((c) => c.name)).toEqual(['get_user_details', 'calculate']);
    expect(calls[1]).toMatchObject({ arguments: { expression: '152 + 103' }, result: '255.0' });
  });

  it('detects tau-bench over openai-chat for trajectory records', () => {
    const record = frameJsonRecords(readFileSync(traceFixture(TRAJECTORIES), 'utf8'))[0]?.value;
    expect(tauBenchParser.detect(record)).toBeGreaterThan(0.9);
    expect(openAiChatParser.detect(record)).toBe(0);
  });
});

describe.skipIf(!haveSharedFixtures())('tau-bench few-shot transcripts (real fixtures)', () => {
  const drafts = haveSharedFixtures() ? parseFile(tauBenchParser, traceFixture(FEW_SHOT)) : [];

  it('reads 19 conversations with content-hash ids', () => {
    expect(drafts).toHaveLength(19);
    expect(new Set(drafts.map((d) => d.source.sourceTraceId)).size).toBe(19);
    expect(drafts[0]?.metadata.variant).toBe('few-shot');
  });

  it('first line: roles in order, `assistant: None` as a tool call answered by the next tool line', () => {
    const t = drafts[0] as TraceDraft;
    expect(t.messages.map((m) => m.role)).toEqual([
      'user', 'assistant', 'user', 'assistant', 'tool', 'assistant', 'user', 'assistant', 'user', 'assistant', 'tool',
    ]);
    expect(t.messages[0]?.text).toBe('Hi, I need to cancel my flights from MCO to CLT, please.');
    expect(t.messages[3]?.toolCalls[0]).toMatchObject({ name: 'unknown', status: 'error', result: 'Error: user not found' });
    expect(t.messages[10]?.text).toBe('Transfer successful');
    expect(t.messages[9]?.toolCalls[0]).toMatchObject({ status: 'ok', result: 'Transfer successful' });
  });

  it('a multi-line assistant message stays one message', () => {
    const t = drafts[2] as TraceDraft;
    const summary = t.messages.find((m) => m.text.startsWith('I have retrieved the details of your reservation.'));
    expect(summary?.role).toBe('assistant');
    expect(summary?.text).toContain('- **Reservation ID:** 3RK2T9');
    expect(summary?.text).toMatch(/How can I assist you further with this reservation\?$/);
    const tool = t.messages.find((m) => m.role === 'tool');
    expect(tool?.text).toMatch(/^\{"reservation_id": "3RK2T9"/);
    expect(t.messages[3]?.toolCalls[0]?.result).toMatchObject({ reservation_id: '3RK2T9', user_id: 'anya_garcia_5901' });
  });

  it('few-shot records are detected as tau-bench, not openai-chat', () => {
    const record = frameJsonRecords(readFileSync(traceFixture(FEW_SHOT), 'utf8'))[0]?.value;
    expect(tauBenchParser.detect(record)).toBeGreaterThan(0.5);
    expect(openAiChatParser.detect(record)).toBe(0);
  });

  it('detects 0 for every record of the Langfuse, LangSmith, OpenInference and SWE-agent fixtures', () => {
    for (const dir of ['langfuse', 'langsmith-sdk', 'openinference', 'swe-agent']) {
      for (const name of readdirSync(traceFixture(dir))) {
        for (const { value } of frameJsonRecords(readFileSync(traceFixture(`${dir}/${name}`), 'utf8'))) {
          expect(tauBenchParser.detect(value), `${dir}/${name}`).toBe(0);
        }
      }
    }
  });
});
