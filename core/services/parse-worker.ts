/**
 * A parser thread: built as its own entry (out/cli/parse-worker.js) beside the
 * command line that starts it. See ParsePool.
 */
import { parentPort } from 'node:worker_threads';
import { parseWithSentences, type ImportOptions } from './parse-article';

parentPort?.on('message', (m: { id: number; name: string; bytes: Uint8Array; opts: ImportOptions }) => {
  parentPort!.postMessage({ id: m.id, result: parseWithSentences(m.name, m.bytes, m.opts) });
});
