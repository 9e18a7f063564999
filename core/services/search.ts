import type { Db } from '../../db/open';
import type { SearchHit } from '../../common/types';

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
  const order = matches > RANK_LIMIT ? 'paragraphs_fts.rowid DESC' : 'rank';
  const langFilter = opts.lang ? 'AND (d.lang = :lang OR d.lang LIKE :langPrefix)' : '';
  const rows = db
    .prepare(
      `SELECT p.id, p.doc_id, p.idx, p.text, d.title, d.lang,
              snippet(paragraphs_fts, 0, :open, :close, '…', 16) AS snippet
       FROM paragraphs_fts
       JOIN paragraphs p ON p.id = paragraphs_fts.rowid
       JOIN documents d ON d.id = p.doc_id
       WHERE paragraphs_fts MATCH :fts ${langFilter}
       ORDER BY ${order}
       LIMIT :limit`,
    )
    .all({
      fts,
      open: HIT_OPEN,
      close: HIT_CLOSE,
      limit,
      ...(opts.lang ? { lang: opts.lang, langPrefix: `${opts.lang}-%` } : {}),
    }) as HitRow[];
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
