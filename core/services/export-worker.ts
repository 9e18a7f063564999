import { parentPort } from 'node:worker_threads';
import { TandemError } from '../../common/errors';
import type { ExportOptions } from '../../common/api';
import { openProject } from '../../db/open';
import { exportAlignment } from './export';

/**
 * Runs one export on its own read-only connection to the project, so the
 * thread that serves the UI stays free while it writes, and stopping it is
 * ending this thread: an export only reads, so nothing is left half-done.
 */
/** For tests of Stop: TANDEM_TEST_EXPORT_PACE_MS holds the thread that long at each progress report. */
const pace = Number(process.env.TANDEM_TEST_EXPORT_PACE_MS ?? 0);
const hold = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

parentPort?.once('message', (m: { file: string; options: ExportOptions; nativeBinding?: string }) => {
  let db: ReturnType<typeof openProject> | null = null;
  try {
    db = openProject(m.file, { readonly: true, nativeBinding: m.nativeBinding });
    const result = exportAlignment(db, m.options, {
      onProgress: (done, total) => {
        parentPort!.postMessage({ progress: { done, total } });
        if (pace > 0 && done < total) hold(pace);
      },
    });
    parentPort!.postMessage({ result });
  } catch (err) {
    parentPort!.postMessage({ error: { kind: err instanceof TandemError ? err.kind : 'internal', message: (err as Error).message } });
  } finally {
    db?.close();
  }
});
