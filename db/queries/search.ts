import type { ReadDb } from '../open';
import { stmt } from '../statements';

/** The project's full-text index, or this connection's index of paragraphs the project's one lacks. */
export type FullTextTable = 'paragraphs_fts' | 'unindexed_fts';

export interface HitRow {
  id: number;
  doc_id: number;
  idx: number;
  text: string;
  snippet: string;
  title: string;
  lang: string;
  /** FTS5's rank: lower is better. */
  score: number;
}

export interface HitQuery {
  /** An FTS5 expression. */
  fts: string;
  /** Marks around the matched words in the snippet. */
  open: string;
  close: string;
  limit: number;
  /** Only documents in this language (or a regional variant of it). */
  lang?: string;
  /** By relevance; otherwise newest paragraph first. */
  byRank: boolean;
}

/** How many paragraphs match, counting no further than `atMost`. */
export function countMatches(db: ReadDb, fts: string, atMost: number): number {
  return (db.prepare('SELECT count(*) AS n FROM (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT ?)').get(fts, atMost) as { n: number }).n;
}

export function searchHits(db: ReadDb, table: FullTextTable, q: HitQuery): HitRow[] {
  const langFilter = q.lang ? 'AND (d.lang = :lang OR d.lang LIKE :langPrefix)' : '';
  const params = {
    fts: q.fts,
    open: q.open,
    close: q.close,
    limit: q.limit,
    ...(q.lang ? { lang: q.lang, langPrefix: `${q.lang}-%` } : {}),
  };
  return db
    .prepare(
      `SELECT p.id, p.doc_id, p.idx, p.text, d.title, d.lang, ${table}.rank AS score,
              snippet(${table}, 0, :open, :close, '…', 16) AS snippet
       FROM ${table}
       JOIN paragraphs p ON p.id = ${table}.rowid
       JOIN documents d ON d.id = p.doc_id
       WHERE ${table} MATCH :fts ${langFilter}
       ORDER BY ${q.byRank ? 'rank' : `${table}.rowid DESC`}
       LIMIT :limit`,
    )
    .all(params) as HitRow[];
}

/** The paragraphs linked to one paragraph by a paragraph alignment (not rejected), in any other document. */
export function paragraphCounterparts(db: ReadDb, docId: number, idx: number): Array<{ doc_id: number; lang: string; idx: number; text: string }> {
  return stmt(
    db,
    `SELECT DISTINCT other.doc_id AS doc_id, d.lang, other.idx, other.text
     FROM link_segments mine
     JOIN links l ON l.id = mine.link_id AND l.status != 'rejected'
     JOIN alignments a ON a.id = l.alignment_id AND a.level = 'paragraph'
     JOIN link_segments theirs ON theirs.link_id = l.id AND theirs.side != mine.side
     JOIN paragraphs other ON other.doc_id = CASE theirs.side WHEN 'a' THEN a.doc_a ELSE a.doc_b END AND other.idx = theirs.idx
     JOIN documents d ON d.id = other.doc_id
     WHERE mine.idx = ? AND ((mine.side = 'a' AND a.doc_a = ?) OR (mine.side = 'b' AND a.doc_b = ?))
     ORDER BY other.doc_id, other.idx`,
  ).all(idx, docId, docId) as Array<{ doc_id: number; lang: string; idx: number; text: string }>;
}

/**
 * Fills this connection's temp.unindexed_fts with the given paragraphs, in
 * place of what it held. Writes only the TEMP schema, which is the
 * connection's own and in memory: a read-only connection may do it, and
 * there is no other writer to wait for.
 */
export function fillUnindexedIndex(db: ReadDb, paragraphs: ReadonlyArray<{ id: number; text: string }>): void {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.unindexed_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')");
  db.exec('DELETE FROM temp.unindexed_fts');
  const insert = db.prepare('INSERT INTO temp.unindexed_fts (rowid, text) VALUES (?, ?)');
  db.transaction(() => {
    for (const p of paragraphs) insert.run(p.id, p.text);
  })();
}
