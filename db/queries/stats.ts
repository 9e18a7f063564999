import type { ReadDb } from '../open';

export interface DocumentTotals {
  originals: number | null;
  translations: number | null;
  paragraphs: number | null;
  sentences: number | null;
  characters: number | null;
  stories: number;
}

/** Sums over every document (null for an empty project). */
export function documentTotals(db: ReadDb): DocumentTotals {
  return db
    .prepare(
      'SELECT sum(translation_of IS NULL) AS originals, sum(translation_of IS NOT NULL) AS translations, sum(paragraph_count) AS paragraphs, sum(sentence_count) AS sentences, sum(characters) AS characters, count(DISTINCT collection_id) AS stories FROM documents',
    )
    .get() as DocumentTotals;
}

export function originalsByLanguage(db: ReadDb): Array<{ lang: string; n: number }> {
  return db.prepare('SELECT lang, count(*) AS n FROM documents WHERE translation_of IS NULL GROUP BY lang ORDER BY lang').all() as Array<{ lang: string; n: number }>;
}

export function linksByStatus(db: ReadDb): Array<{ status: 'suggested' | 'confirmed' | 'rejected'; n: number }> {
  return db.prepare('SELECT status, count(*) AS n FROM links GROUP BY status').all() as Array<{ status: 'suggested' | 'confirmed' | 'rejected'; n: number }>;
}

export function jobsByStatus(db: ReadDb): Array<{ status: string; n: number }> {
  return db.prepare('SELECT status, count(*) AS n FROM jobs GROUP BY status').all() as Array<{ status: string; n: number }>;
}

/** Translations in the machine-translation cache and the characters they were billed for (null when none was). */
export function mtCacheTotals(db: ReadDb): { n: number; billed: number | null } {
  return db.prepare('SELECT count(*) AS n, sum(billed_characters) AS billed FROM mt_cache').get() as { n: number; billed: number | null };
}

const COUNT = {
  alignments: 'SELECT count(*) AS n FROM alignments',
  facts: 'SELECT count(*) AS n FROM facts',
  mentions: 'SELECT count(*) AS n FROM mentions',
  operations: 'SELECT count(*) AS n FROM operations',
} as const;

/** The number of rows of one table. */
export function countRows(db: ReadDb, table: keyof typeof COUNT): number {
  return (db.prepare(COUNT[table]).get() as { n: number }).n;
}

/** What the title bar shows of a project, in one statement. */
export function projectCounts(db: ReadDb): { documents: number; alignments: number; facts: number } {
  return db.prepare('SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM alignments) AS alignments, (SELECT count(*) FROM facts) AS facts').get() as {
    documents: number;
    alignments: number;
    facts: number;
  };
}
