import { parentPort } from 'node:worker_threads';
import { TandemError } from '../../common/errors';
import { extendAbbreviations, splitSentences } from '../text';
import { parseArticle, type ImportOptions } from './parse-article';

parentPort?.on('message', (m: { id: number; name: string; bytes: Uint8Array; opts: ImportOptions }) => {
  try {
    for (const [lang, words] of Object.entries(m.opts.abbreviations ?? {})) extendAbbreviations(lang, words);
    const article = parseArticle(m.name, m.bytes, m.opts);
    const sentences = article.paragraphs.map((p) => splitSentences(p, article.lang));
    parentPort!.postMessage({ id: m.id, result: { article, sentences } });
  } catch (err) {
    const kind = err instanceof TandemError ? err.kind : 'internal';
    parentPort!.postMessage({ id: m.id, result: { error: { kind, message: (err as Error).message } } });
  }
});
