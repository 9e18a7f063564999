import type { Db } from '../../db/open';
import type { SearchHit } from '../../common/types';
import { TandemError } from '../../common/errors';
import { deferrals, indexState, unindexedParagraphs } from '../../db/queries/fulltext';

export const HIT_OPEN = '\u27e6';
export const HIT_CLOSE = '\u27e7';

/**
 * Turns anything a person types into a safe FTS5 expression: every word
 * becomes a quoted string, so operators, quotes and parentheses are plain
 * text. "Quoted phrases" stay phrases, a trailing * keeps prefix search, and
 * OR between words keeps its meaning. Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const parts: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let pendingOr = false;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    if (m[1] !== undefined) {
      const words = tokens(m[1]);
      if (words.length) {
        parts.push(joinOr(parts, pendingOr) + `"${words.join(' ')}"`);
        pendingOr = false;
      }
      continue;
    }
    const raw = m[2];
    if (raw === 'OR' && parts.length) {
      pendingOr = true;
      continue;
    }
    const prefix = /\p{L}\*$|\p{N}\*$/u.test(raw);
    const words = tokens(raw);
    for (const [i, w] of words.entries()) {
      // A one-letter prefix would expand to a large part of the vocabulary: it is searched as a word.
      const isPrefix = prefix && i === words.length - 1 && [...w].length >= 2;
      parts.push(joinOr(parts, pendingOr) + `"${w}"${isPrefix ? '*' : ''}`);
      pendingOr = false;
    }
  }
  return parts.length ? parts.join('') : null;
}

function joinOr(parts: string[], pendingOr: boolean): string {
  if (!parts.length) return '';
  return pendingOr ? ' OR ' : ' ';
}

/** Words as the unicode61 tokenizer sees them: letters, marks and digits. */
function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/** Above this many matches, results come newest first rather than by relevance. */
export const RANK_LIMIT = 1000;

/** Above this many paragraphs waiting for the index, a search asks to wait for the import instead. */
export const UNINDEXED_SEARCH_LIMIT = 100_000;

const pendingIndexes = new WeakMap<Db, { key: string }>();
const checkedAtOpen = new WeakSet<Db>();

/**
 * Makes temp.unindexed_fts hold the paragraphs the project's index lacks, if
 * any (an import in progress defers the index, or one was killed and no
 * program has opened the project for writing since). Returns whether there
 * are such paragraphs. Works on a read-only connection too: TEMP tables live
 * in memory.
 */
function indexUnindexed(db: Db): boolean {
  const pending = deferrals(db);
  let fromId: number | null = pending.length ? Math.min(...pending.map((d) => d.fromId)) : null;
  if (fromId === null && db.readonly && !checkedAtOpen.has(db)) {
    // Once per read-only connection: an index that disagrees with the text without saying so
    // (a writable connection repaired it when it opened; this one cannot).
    checkedAtOpen.add(db);
    if (indexState(db).kind === 'damaged') fromId = 0;
  }
  if (fromId === null && !pendingIndexes.has(db)) return false;
  const missing = fromId === null ? [] : unindexedParagraphs(db, fromId, UNINDEXED_SEARCH_LIMIT + 1);
  if (missing.length > UNINDEXED_SEARCH_LIMIT) {
    throw new TandemError(
      'conflict',
      `The search index is being built: more than ${UNINDEXED_SEARCH_LIMIT.toLocaleString('en')} paragraphs imported just now are not in it yet. Search again when the import has finished.`,
    );
  }
  if (!missing.length) {
    pendingIndexes.delete(db);
    return false;
  }
  const key = `${missing.length}:${missing[0].id}:${missing[missing.length - 1].id}`;
  if (pendingIndexes.get(db)?.key !== key) {
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.unindexed_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')");
    db.exec('DELETE FROM temp.unindexed_fts');
    const insert = db.prepare('INSERT INTO temp.unindexed_fts (rowid, text) VALUES (?, ?)');
    // Writes only the TEMP schema, which is this connection's own: no other writer to wait for.
    db.transaction(() => {
      for (const p of missing) insert.run(p.id, p.text);
    })();
    pendingIndexes.set(db, { key });
  }
  return true;
}

export interface SearchOptions {
  lang?: string;
  limit?: number;
}

interface HitRow {
  id: number;
  doc_id: number;
  idx: number;
  text: string;
  snippet: string;
  title: string;
  lang: string;
}

export function search(db: Db, query: string, opts: SearchOptions = {}): SearchHit[] {
  const fts = toFtsQuery(query);
  if (!fts) return [];
  const limit = Math.max(1, Math.min(opts.limit ?? 50, 1000));
  // Ranking costs time in proportion to the matches; a word found in a large
  // share of a big corpus carries no signal to rank by anyway, so such
  // queries list the newest matches first instead.
  const matches = (db.prepare('SELECT count(*) AS n FROM (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT ?)').get(fts, RANK_LIMIT + 1) as { n: number }).n;
  const byRank = matches <= RANK_LIMIT;
  const langFilter = opts.lang ? 'AND (d.lang = :lang OR d.lang LIKE :langPrefix)' : '';
  const params = {
    fts,
    open: HIT_OPEN,
    close: HIT_CLOSE,
    limit,
    ...(opts.lang ? { lang: opts.lang, langPrefix: `${opts.lang}-%` } : {}),
  };
  const hitsIn = (table: string) =>
    db
      .prepare(
        `SELECT p.id, p.doc_id, p.idx, p.text, d.title, d.lang, ${table}.rank AS score,
                snippet(${table}, 0, :open, :close, '…', 16) AS snippet
         FROM ${table}
         JOIN paragraphs p ON p.id = ${table}.rowid
         JOIN documents d ON d.id = p.doc_id
         WHERE ${table} MATCH :fts ${langFilter}
         ORDER BY ${byRank ? 'rank' : `${table}.rowid DESC`}
         LIMIT :limit`,
      )
      .all(params) as Array<HitRow & { score: number }>;
  let rows = hitsIn('paragraphs_fts');
  // Paragraphs an import has stored but not yet indexed are searched too, in an index of their own.
  if (indexUnindexed(db)) {
    const more = hitsIn('unindexed_fts');
    rows = [...rows, ...more].sort((x, y) => (byRank ? x.score - y.score : y.id - x.id)).slice(0, limit);
  }
  const counterpartStmt = db.prepare(
    `SELECT DISTINCT other.doc_id AS doc_id, d.lang, other.idx, other.text
     FROM link_segments mine
     JOIN links l ON l.id = mine.link_id AND l.status != 'rejected'
     JOIN alignments a ON a.id = l.alignment_id AND a.level = 'paragraph'
     JOIN link_segments theirs ON theirs.link_id = l.id AND theirs.side != mine.side
     JOIN paragraphs other ON other.doc_id = CASE theirs.side WHEN 'a' THEN a.doc_a ELSE a.doc_b END AND other.idx = theirs.idx
     JOIN documents d ON d.id = other.doc_id
     WHERE mine.idx = ? AND ((mine.side = 'a' AND a.doc_a = ?) OR (mine.side = 'b' AND a.doc_b = ?))
     ORDER BY other.doc_id, other.idx`,
  );
  return rows.map((r) => ({
    docId: r.doc_id,
    docTitle: r.title,
    lang: r.lang,
    paragraph: r.idx,
    snippet: r.snippet,
    text: r.text,
    counterparts: (counterpartStmt.all(r.idx, r.doc_id, r.doc_id) as Array<{ doc_id: number; lang: string; idx: number; text: string }>).map((c) => ({
      docId: c.doc_id,
      lang: c.lang,
      paragraph: c.idx,
      text: c.text,
    })),
  }));
}
