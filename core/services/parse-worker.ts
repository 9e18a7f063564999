/**
 * A parser thread: built as its own entry (out/cli/parse-worker.js) beside the
 * command line that starts it. See ParsePool.
 */
import { parentPort } from 'node:worker_threads';
import { loadLanguageModel } from '../text';
import { parseWithSentences, type ImportOptions } from './parse-article';

// Each thread loads its own copy of the language model, once; messages wait for it.
const ready = loadLanguageModel();

parentPort?.on('message', async (m: { id: number; name: string; bytes: Uint8Array; opts: ImportOptions }) => {
  try {
    await ready;
  } catch (err) {
    parentPort!.postMessage({ id: m.id, result: { error: { kind: 'internal', message: `the language model did not load: ${(err as Error).message}` } } });
    return;
  }
  parentPort!.postMessage({ id: m.id, result: parseWithSentences(m.name, m.bytes, m.opts) });
});
