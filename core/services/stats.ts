import type { Db } from '../../db/open';

export interface ProjectStats {
  documents: { originals: number; translations: number; byLanguage: Record<string, number>; stories: number };
  paragraphs: number;
  sentences: number;
  characters: number;
  alignments: { total: number; links: Record<'suggested' | 'confirmed' | 'rejected', number> };
  facts: number;
  mentions: number;
  annotators: string[];
  mt: { cachedTranslations: number; billedCharacters: number; jobs: Record<string, number> };
  operations: number;
}

export function projectStats(db: Db): ProjectStats {
  const one = <T>(sql: string) => db.prepare(sql).get() as T;
  const byLanguage: Record<string, number> = {};
  for (const r of db.prepare('SELECT lang, count(*) AS n FROM documents WHERE translation_of IS NULL GROUP BY lang ORDER BY lang').all() as Array<{ lang: string; n: number }>) byLanguage[r.lang] = r.n;
  const links = { suggested: 0, confirmed: 0, rejected: 0 };
  for (const r of db.prepare('SELECT status, count(*) AS n FROM links GROUP BY status').all() as Array<{ status: keyof typeof links; n: number }>) links[r.status] = r.n;
  const jobs: Record<string, number> = {};
  for (const r of db.prepare('SELECT status, count(*) AS n FROM jobs GROUP BY status').all() as Array<{ status: string; n: number }>) jobs[r.status] = r.n;
  const docs = one<{ o: number; t: number; p: number; s: number; c: number; st: number }>(
    'SELECT sum(translation_of IS NULL) AS o, sum(translation_of IS NOT NULL) AS t, sum(paragraph_count) AS p, sum(sentence_count) AS s, sum(characters) AS c, count(DISTINCT collection_id) AS st FROM documents',
  );
  const mt = one<{ n: number; billed: number | null }>('SELECT count(*) AS n, sum(billed_characters) AS billed FROM mt_cache');
  return {
    documents: { originals: docs.o ?? 0, translations: docs.t ?? 0, byLanguage, stories: docs.st ?? 0 },
    paragraphs: docs.p ?? 0,
    sentences: docs.s ?? 0,
    characters: docs.c ?? 0,
    alignments: { total: one<{ n: number }>('SELECT count(*) AS n FROM alignments').n, links },
    facts: one<{ n: number }>('SELECT count(*) AS n FROM facts').n,
    mentions: one<{ n: number }>('SELECT count(*) AS n FROM mentions').n,
    annotators: (db.prepare('SELECT name FROM annotators ORDER BY name').all() as Array<{ name: string }>).map((r) => r.name),
    mt: { cachedTranslations: mt.n, billedCharacters: mt.billed ?? 0, jobs },
    operations: one<{ n: number }>('SELECT count(*) AS n FROM operations').n,
  };
}
