/** The trace list beside the detail of the selected trace. */
import { useState } from 'react';
import type { CasebookApi } from '../../../core/api/contract.js';
import { TraceDetailView } from './TraceDetail.js';
import { TraceList } from './TraceList.js';

/** List + detail. `dataVersion` changes when the database changed underneath. */
export function TraceBrowser({ api, dataVersion }: { api: CasebookApi; dataVersion: number }) {
  const [selected, setSelected] = useState<string | undefined>();
  return (
    <div className="browser">
      <TraceList api={api} dataVersion={dataVersion} selectedId={selected} onSelect={setSelected} />
      <TraceDetailView api={api} traceId={selected} onSelect={setSelected} />
    </div>
  );
}
