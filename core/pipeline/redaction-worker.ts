/**
 * The redaction thread of an import (see redaction-thread.ts for the import's side). It owns the open
 * placeholder scopes: the import sends each scope's saved state the first time a batch needs it, tells it
 * which scopes to close, and receives, with every batch's results, the states that batch changed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRedactionTransform } from './redaction-transform.js';
import { runUnit } from './redaction-jobs.js';
import type { ThreadReply, ThreadRequest, ThreadSetup } from './redaction-thread.js';

const port = parentPort;
if (!port) throw new Error('redaction-worker must run in a worker thread');
const setup = workerData as ThreadSetup;

// States handed over and not yet opened (a unit may fail before it opens every scope it was given). A scope
// the import did not hand over and that is not open is a broken protocol, not a fresh conversation: a fresh
// one would renumber what the database holds.
const given = new Map<string, unknown>();
const changed: Array<[string, string]> = [];
const transform = createRedactionTransform(
  {
    pseudonyms: {
      get: (scope) => {
        if (!given.has(scope)) throw new Error(`internal: the redaction thread was not given the state of ${scope}`);
        const state = given.get(scope);
        given.delete(scope);
        return state ?? undefined;
      },
      put: (scope, stateJson) => changed.push([scope, stateJson]),
    },
  },
  // The import decides when a scope closes (it must know which states the thread holds).
  { config: setup.config, secretKey: setup.secretKey, maxOpenScopes: Infinity },
);

port.on('message', (m: ThreadRequest) => {
  if (m.type === 'finish') {
    const reply: ThreadReply = { type: 'report', report: transform.report.toJSON() };
    port.postMessage(reply);
    port.close();
    return;
  }
  for (const scope of m.drops) {
    transform.drop(scope);
    given.delete(scope);
  }
  for (const [scope, state] of m.inits) given.set(scope, state);
  const results = m.units.map((jobs) => runUnit(jobs, { transform, keepPayload: false, mark: setup.mark, importId: setup.importId }));
  transform.beforeCommit();
  const reply: ThreadReply = { type: 'batch', seq: m.seq, states: changed.splice(0), results };
  port.postMessage(reply);
});
