/** Import files through the app's service (its import worker) and wait until the job ends, for tests that need data first. */
import type { ImportEvent } from '../../core/api/contract.js';
import type { CasebookService } from '../../core/api/service.js';

/** Start an import of `paths` and resolve with its report; throws when the job cannot start or ends in an error. */
export async function importThroughService(service: CasebookService, paths: string[]): Promise<Extract<ImportEvent, { kind: 'done' }>> {
  const ended = new Promise<ImportEvent>((resolve) => {
    const off = service.onImportEvent((e) => {
      if (e.kind !== 'progress') {
        off();
        resolve(e);
      }
    });
  });
  const started = await service.call('import.start', { paths });
  if (!started.ok) throw new Error(`import could not start: ${JSON.stringify(started.error)}`);
  const done = await ended;
  if (done.kind !== 'done') throw new Error(`import failed: ${JSON.stringify(done)}`);
  return done;
}
