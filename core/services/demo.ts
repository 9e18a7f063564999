import fs from 'node:fs';
import { writeTransaction } from '../../db/transaction';
import path from 'node:path';
import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { ImportFileReport } from '../../common/types';
import { getOrCreateAnnotator } from '../../db/queries/documents';
import { AlignService } from './align';
import { History } from './history';
import { importPaths, importTranslationFile } from './import';

/** The collection the demo story is imported into. */
export const DEMO_COLLECTION = 'Demo: ferry';

/** The five articles of the demo story, in the order they are imported. */
export const DEMO_ARTICLES = ['no.txt', 'en.txt', 'nl.txt', 'sv.txt', 'fi.txt'] as const;

/** The English translation of `article`, if the demo has one (`en/<article>`). */
function translationFile(demoDir: string, article: string): string | null {
  const file = path.join(demoDir, 'en', article);
  return fs.existsSync(file) ? file : null;
}

function docIdOf(report: ImportFileReport, what: string): number {
  if (report.status === 'failed' || report.docId === undefined) {
    throw new TandemError('internal', `The demo could not import ${what}: ${report.reason ?? 'no document was stored'}`);
  }
  return report.docId;
}

/**
 * Imports the demo story (resources/demo): the five articles into the
 * collection "Demo: ferry", each non-English one with its English translation
 * attached and linked paragraph by paragraph. Facts are left for the user to
 * tag. Running it again on the same project changes nothing, because
 * identical documents are recognised and existing links kept.
 */
export function createDemoProject(db: Db, demoDir: string): void {
  if (!fs.existsSync(demoDir) || !fs.statSync(demoDir).isDirectory()) {
    throw new TandemError('not-found', `No demo story at ${demoDir}.`);
  }
  const annotatorId = getOrCreateAnnotator(db, 'demo');
  const history = new History(db, () => annotatorId);
  const aligner = new AlignService(db, history, () => annotatorId);

  writeTransaction(db, () => {
    for (const article of DEMO_ARTICLES) {
      const file = path.join(demoDir, article);
      const report = importPaths(db, [file], { collection: DEMO_COLLECTION });
      const originalId = docIdOf(report.files[0] ?? { file, status: 'failed', reason: 'nothing was imported' }, article);

      const translation = translationFile(demoDir, article);
      if (!translation) continue;
      const translated = importTranslationFile(db, originalId, translation, { lang: 'en', provider: 'demo-mt', kind: 'mt' });
      const translationId = docIdOf(translated, `the English translation of ${article}`);
      aligner.alignTranslation(originalId, translationId);
    }
  });
}
