import type { ReadDb, WriteDb } from '../open';
import type { AlignLevel, AlignMode, Link, LinkOrigin, LinkStatus } from '../../common/types';
import { now } from './documents';
import { stmt } from '../statements';

export interface AlignmentRow {
  id: number;
  doc_a: number;
  doc_b: number;
  level: AlignLevel;
  mode: AlignMode;
}

/**
 * The alignment of two documents at one level in one mode; without a mode,
 * the one of either mode that was changed last.
 */
export function findAlignment(db: ReadDb, docA: number, docB: number, level: AlignLevel, mode?: AlignMode): AlignmentRow | undefined {
  if (mode) {
    return db.prepare('SELECT id, doc_a, doc_b, level, mode FROM alignments WHERE doc_a = ? AND doc_b = ? AND level = ? AND mode = ?').get(docA, docB, level, mode) as AlignmentRow | undefined;
  }
  return db.prepare('SELECT id, doc_a, doc_b, level, mode FROM alignments WHERE doc_a = ? AND doc_b = ? AND level = ? ORDER BY updated_at DESC, id DESC LIMIT 1').get(docA, docB, level) as AlignmentRow | undefined;
}

export function getAlignmentRow(db: ReadDb, id: number): AlignmentRow | undefined {
  return db.prepare('SELECT id, doc_a, doc_b, level, mode FROM alignments WHERE id = ?').get(id) as AlignmentRow | undefined;
}

/** An alignment's row with every column, as the undo log keeps it. */
export interface AlignmentRecord extends AlignmentRow {
  created_at: string;
  updated_at: string;
}

export function getAlignmentRecord(db: ReadDb, id: number): AlignmentRecord | undefined {
  return db.prepare('SELECT id, doc_a, doc_b, level, mode, created_at, updated_at FROM alignments WHERE id = ?').get(id) as AlignmentRecord | undefined;
}

/** An alignment's candidate control as stored (alignment_settings), for the undo log. */
export interface AlignmentSettingsRecord {
  alignment_id: number;
  min_confidence: number;
  per_paragraph: number;
  updated_at: string;
}

export function getAlignmentSettingsRecord(db: ReadDb, alignmentId: number): AlignmentSettingsRecord | undefined {
  return db.prepare('SELECT alignment_id, min_confidence, per_paragraph, updated_at FROM alignment_settings WHERE alignment_id = ?').get(alignmentId) as AlignmentSettingsRecord | undefined;
}

export function setAlignmentMode(db: WriteDb, id: number, mode: AlignMode): void {
  db.prepare('UPDATE alignments SET mode = ? WHERE id = ?').run(mode, id);
}

export function createAlignment(db: WriteDb, docA: number, docB: number, level: AlignLevel, mode: AlignMode): number {
  const t = now();
  return Number(db.prepare('INSERT INTO alignments (doc_a, doc_b, level, mode, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(docA, docB, level, mode, t, t).lastInsertRowid);
}

export function listAlignmentRows(db: ReadDb): Array<AlignmentRow & { links: number; confirmed: number }> {
  return db
    .prepare(
      `SELECT a.id, a.doc_a, a.doc_b, a.level, a.mode,
              (SELECT count(*) FROM links l WHERE l.alignment_id = a.id) AS links,
              (SELECT count(*) FROM links l WHERE l.alignment_id = a.id AND l.status = 'confirmed') AS confirmed
       FROM alignments a ORDER BY a.id`,
    )
    .all() as Array<AlignmentRow & { links: number; confirmed: number }>;
}

/** A link as stored, complete enough to be deleted and put back exactly (undo). */
export interface StoredLink {
  id: number;
  alignmentId: number;
  a: number[];
  b: number[];
  confidence: number;
  status: LinkStatus;
  origin: LinkOrigin;
  annotatorId: number | null;
  createdAt: string;
  updatedAt: string;
}

interface LinkRow {
  id: number;
  alignment_id: number;
  origin: LinkOrigin;
  status: LinkStatus;
  confidence: number;
  annotator_id: number | null;
  annotator: string | null;
  created_at: string;
  updated_at: string;
  a: string | null;
  b: string | null;
}

const LINK_SQL = `
  SELECT l.id, l.alignment_id, l.origin, l.status, l.confidence, l.annotator_id, an.name AS annotator, l.created_at, l.updated_at,
         (SELECT group_concat(idx) FROM (SELECT idx FROM link_segments WHERE link_id = l.id AND side = 'a' ORDER BY idx)) AS a,
         (SELECT group_concat(idx) FROM (SELECT idx FROM link_segments WHERE link_id = l.id AND side = 'b' ORDER BY idx)) AS b
  FROM links l LEFT JOIN annotators an ON an.id = l.annotator_id`;

const splitIdx = (s: string | null) => (s ? s.split(',').map(Number) : []);

function toStored(r: LinkRow): StoredLink & { annotator: string | null } {
  return {
    id: r.id,
    alignmentId: r.alignment_id,
    a: splitIdx(r.a),
    b: splitIdx(r.b),
    confidence: r.confidence,
    status: r.status,
    origin: r.origin,
    annotatorId: r.annotator_id,
    annotator: r.annotator,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** One pass over links and their segments, grouped here: the alignment view reads thousands at a time. */
export function getLinks(db: ReadDb, alignmentId: number): Array<StoredLink & { annotator: string | null }> {
  const rows = stmt(
    db,
    `SELECT l.id, l.alignment_id, l.origin, l.status, l.confidence, l.annotator_id, an.name AS annotator, l.created_at, l.updated_at, s.side, s.idx
     FROM links l LEFT JOIN annotators an ON an.id = l.annotator_id LEFT JOIN link_segments s ON s.link_id = l.id
     WHERE l.alignment_id = ? ORDER BY l.id, s.side, s.idx`,
  ).raw().all(alignmentId) as Array<[number, number, LinkOrigin, LinkStatus, number, number | null, string | null, string, string, 'a' | 'b' | null, number | null]>;
  const out: Array<StoredLink & { annotator: string | null }> = [];
  let current: (StoredLink & { annotator: string | null }) | undefined;
  for (const r of rows) {
    if (!current || current.id !== r[0]) {
      current = { id: r[0], alignmentId: r[1], origin: r[2], status: r[3], confidence: r[4], annotatorId: r[5], annotator: r[6], createdAt: r[7], updatedAt: r[8], a: [], b: [] };
      out.push(current);
    }
    if (r[9] !== null) current[r[9]].push(r[10]!);
  }
  return sortLinks(out);
}

export function getLinksById(db: ReadDb, ids: number[]): Array<StoredLink & { annotator: string | null }> {
  const stmt = db.prepare(`${LINK_SQL} WHERE l.id = ?`);
  return ids.map((id) => stmt.get(id) as LinkRow | undefined).filter((r): r is LinkRow => !!r).map(toStored);
}

/**
 * Reading order, the same whatever order links are read in. Links with a
 * segment on side a go by that segment (then side b, then id); a link with
 * segments on side b only goes just before the first link that starts later
 * on side b, which is where a reader expects an insertion.
 */
export function sortLinks<T extends { id: number; a: number[]; b: number[] }>(links: T[]): T[] {
  const first = (l: number[]) => (l.length ? l[0] : Number.POSITIVE_INFINITY);
  const byKeys = (x: T, y: T) => first(x.a) - first(y.a) || first(x.b) - first(y.b) || x.id - y.id;
  const withA = links.filter((l) => l.a.length).sort(byKeys);
  const onlyB = links.filter((l) => !l.a.length).sort(byKeys);
  const out: T[] = [];
  let j = 0;
  for (const l of withA) {
    while (j < onlyB.length && l.b.length && onlyB[j].b[0] < l.b[0]) out.push(onlyB[j++]);
    out.push(l);
  }
  while (j < onlyB.length) out.push(onlyB[j++]);
  return out;
}

export function insertLink(db: WriteDb, link: Omit<StoredLink, 'id'> & { id?: number }): number {
  const id = Number(
    stmt(db, 'INSERT INTO links (id, alignment_id, origin, status, confidence, annotator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(link.id ?? null, link.alignmentId, link.origin, link.status, link.confidence, link.annotatorId, link.createdAt, link.updatedAt).lastInsertRowid,
  );
  const seg = stmt(db, 'INSERT INTO link_segments (link_id, alignment_id, side, idx) VALUES (?, ?, ?, ?)');
  for (const i of link.a) seg.run(id, link.alignmentId, 'a', i);
  for (const i of link.b) seg.run(id, link.alignmentId, 'b', i);
  return id;
}

/** Writes a link's own row as in the snapshot, in place when it exists: its segments stay attached. */
export function upsertLinkRow(db: WriteDb, link: StoredLink): void {
  stmt(
    db,
    `INSERT INTO links (id, alignment_id, origin, status, confidence, annotator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET alignment_id = excluded.alignment_id, origin = excluded.origin, status = excluded.status, confidence = excluded.confidence,
       annotator_id = excluded.annotator_id, created_at = excluded.created_at, updated_at = excluded.updated_at`,
  ).run(link.id, link.alignmentId, link.origin, link.status, link.confidence, link.annotatorId, link.createdAt, link.updatedAt);
}

/** Makes a link's segments exactly those of the snapshot. */
export function replaceLinkSegments(db: WriteDb, link: StoredLink): void {
  stmt(db, 'DELETE FROM link_segments WHERE link_id = ?').run(link.id);
  const seg = stmt(db, 'INSERT INTO link_segments (link_id, alignment_id, side, idx) VALUES (?, ?, ?, ?)');
  for (const i of link.a) seg.run(link.id, link.alignmentId, 'a', i);
  for (const i of link.b) seg.run(link.id, link.alignmentId, 'b', i);
}

export function deleteLink(db: WriteDb, id: number): void {
  stmt(db, 'DELETE FROM links WHERE id = ?').run(id);
}

export function touchAlignment(db: WriteDb, id: number): void {
  db.prepare('UPDATE alignments SET updated_at = ? WHERE id = ?').run(now(), id);
}

export function toLink(s: StoredLink & { annotator: string | null }): Link {
  return { id: s.id, a: s.a, b: s.b, confidence: s.confidence, status: s.status, origin: s.origin, annotator: s.annotator, createdAt: s.createdAt, updatedAt: s.updatedAt };
}

/** Ids of the links that hold any of these segments on one side. */
export function linkIdsAt(db: ReadDb, alignmentId: number, side: 'a' | 'b', idxs: number[]): number[] {
  const q = stmt(db, 'SELECT link_id FROM link_segments WHERE alignment_id = ? AND side = ? AND idx = ?').pluck();
  const ids = new Set<number>();
  for (const i of idxs) for (const id of q.all(alignmentId, side, i) as number[]) ids.add(id);
  return [...ids];
}

/** The link whose segment on `side` comes first after `idx`, skipping `exclude`. */
export function nextLinkIdAfter(db: ReadDb, alignmentId: number, side: 'a' | 'b', idx: number, exclude: number): number | undefined {
  return stmt(db, 'SELECT link_id FROM link_segments WHERE alignment_id = ? AND side = ? AND idx > ? AND link_id != ? ORDER BY idx LIMIT 1')
    .pluck()
    .get(alignmentId, side, idx, exclude) as number | undefined;
}

/** Annotators' names by id, for links rebuilt from stored snapshots (undo, redo). */
export function annotatorNames(db: ReadDb, ids: Array<number | null>): Map<number, string> {
  const q = stmt(db, 'SELECT name FROM annotators WHERE id = ?').pluck();
  const names = new Map<number, string>();
  for (const id of new Set(ids)) {
    if (id === null) continue;
    const name = q.get(id) as string | undefined;
    if (name !== undefined) names.set(id, name);
  }
  return names;
}

/**
 * The links of a parallel paragraph alignment between an original and its
 * translation that hold one paragraph of the translation, each with the side
 * the original is on.
 */
export function linksOnTranslationParagraph(db: ReadDb, originalId: number, translationId: number, paragraph: number): Array<{ original_side: 'a' | 'b'; link_id: number }> {
  return db
    .prepare(
      `SELECT CASE WHEN a.doc_a = ? THEN 'a' ELSE 'b' END AS original_side, l.id AS link_id
       FROM alignments a JOIN links l ON l.alignment_id = a.id AND l.status != 'rejected'
       JOIN link_segments s ON s.link_id = l.id
       WHERE a.level = 'paragraph' AND a.mode = 'parallel' AND ((a.doc_a = ? AND a.doc_b = ? AND s.side = 'b') OR (a.doc_a = ? AND a.doc_b = ? AND s.side = 'a')) AND s.idx = ?`,
    )
    .all(originalId, originalId, translationId, translationId, originalId, paragraph) as Array<{ original_side: 'a' | 'b'; link_id: number }>;
}

/** The segment indices of one side of a link. */
export function linkSideIndices(db: ReadDb, linkId: number, side: 'a' | 'b'): number[] {
  return (db.prepare('SELECT idx FROM link_segments WHERE link_id = ? AND side = ?').all(linkId, side) as { idx: number }[]).map((s) => s.idx);
}
