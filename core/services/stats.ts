import type { ReadDb } from '../../db/open';
import { annotatorNamesOf } from '../../db/queries/annotators';
import { countRows, documentTotals, jobsByStatus, linksByStatus, mtCacheTotals, originalsByLanguage } from '../../db/queries/stats';

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

export function projectStats(db: ReadDb): ProjectStats {
  const byLanguage: Record<string, number> = {};
  for (const r of originalsByLanguage(db)) byLanguage[r.lang] = r.n;
  const links = { suggested: 0, confirmed: 0, rejected: 0 };
  for (const r of linksByStatus(db)) links[r.status] = r.n;
  const jobs: Record<string, number> = {};
  for (const r of jobsByStatus(db)) jobs[r.status] = r.n;
  const docs = documentTotals(db);
  const mt = mtCacheTotals(db);
  return {
    documents: { originals: docs.originals ?? 0, translations: docs.translations ?? 0, byLanguage, stories: docs.stories ?? 0 },
    paragraphs: docs.paragraphs ?? 0,
    sentences: docs.sentences ?? 0,
    characters: docs.characters ?? 0,
    alignments: { total: countRows(db, 'alignments'), links },
    facts: countRows(db, 'facts'),
    mentions: countRows(db, 'mentions'),
    annotators: annotatorNamesOf(db),
    mt: { cachedTranslations: mt.n, billedCharacters: mt.billed ?? 0, jobs },
    operations: countRows(db, 'operations'),
  };
}
