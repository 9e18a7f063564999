import { parentPort } from 'node:worker_threads';
import { TandemError } from '../../common/errors';
import { loadLanguageModel, splitSentences } from '../text';
import { parseArticle, type ImportOptions } from './import';

// Each thread loads its own copy of the language model, once; messages wait for it.
const ready = loadLanguageModel();

parentPort?.on('message', async (m: { id: number; name: string; bytes: Uint8Array; opts: ImportOptions }) => {
  try {
    await ready;
    const article = parseArticle(m.name, m.bytes, m.opts);
    const sentences = article.paragraphs.map((p) => splitSentences(p, article.lang, m.opts.abbreviations));
    parentPort!.postMessage({ id: m.id, result: { article, sentences } });
  } catch (err) {
    const kind = err instanceof TandemError ? err.kind : 'internal';
    parentPort!.postMessage({ id: m.id, result: { error: { kind, message: (err as Error).message } } });
  }
});
