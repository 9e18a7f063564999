import type { ReadDb } from '../../db/open';
import type { SearchHit } from '../../common/types';
import { TandemError } from '../../common/errors';
import { deferrals, indexState, unindexedParagraphs } from '../../db/queries/fulltext';
import { countMatches, fillUnindexedIndex, paragraphCounterparts, searchHits } from '../../db/queries/search';

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

const pendingIndexes = new WeakMap<ReadDb, { key: string }>();
const checkedAtOpen = new WeakSet<ReadDb>();

/**
 * Makes temp.unindexed_fts hold the paragraphs the project's index lacks, if
 * any (an import in progress defers the index, or one was killed and no
 * program has opened the project for writing since). Returns whether there
 * are such paragraphs. Works on a read-only connection too: TEMP tables live
 * in memory.
 */
function indexUnindexed(db: ReadDb): boolean {
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
    fillUnindexedIndex(db, missing);
    pendingIndexes.set(db, { key });
  }
  return true;
}

export interface SearchOptions {
  lang?: string;
  limit?: number;
}

export function search(db: ReadDb, query: string, opts: SearchOptions = {}): SearchHit[] {
  const fts = toFtsQuery(query);
  if (!fts) return [];
  const limit = Math.max(1, Math.min(opts.limit ?? 50, 1000));
  // Ranking costs time in proportion to the matches; a word found in a large
  // share of a big corpus carries no signal to rank by anyway, so such
  // queries list the newest matches first instead.
  const byRank = countMatches(db, fts, RANK_LIMIT + 1) <= RANK_LIMIT;
  const hitQuery = { fts, open: HIT_OPEN, close: HIT_CLOSE, limit, lang: opts.lang || undefined, byRank };
  let rows = searchHits(db, 'paragraphs_fts', hitQuery);
  // Paragraphs an import has stored but not yet indexed are searched too, in an index of their own.
  if (indexUnindexed(db)) {
    const more = searchHits(db, 'unindexed_fts', hitQuery);
    rows = [...rows, ...more].sort((x, y) => (byRank ? x.score - y.score : y.id - x.id)).slice(0, limit);
  }
  return rows.map((r) => ({
    docId: r.doc_id,
    docTitle: r.title,
    lang: r.lang,
    paragraph: r.idx,
    snippet: r.snippet,
    text: r.text,
    counterparts: paragraphCounterparts(db, r.doc_id, r.idx).map((c) => ({
      docId: c.doc_id,
      lang: c.lang,
      paragraph: c.idx,
      text: c.text,
    })),
  }));
}
