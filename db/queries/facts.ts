import type { ReadDb, WriteDb } from '../open';
import type { Fact, FactType, LinkOrigin, Mention } from '../../common/types';
import type { RejectionRow } from './segmentation';

export interface FactRow {
  id: number;
  label: string;
  description: string;
  type: FactType;
  roles: string;
  annotator_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface MentionRow {
  id: number;
  fact_id: number;
  paragraph_id: number;
  start: number;
  end: number;
  quote: string;
  origin: LinkOrigin;
  annotator_id: number | null;
  created_at: string;
}

export function getFactRow(db: ReadDb, id: number): FactRow | undefined {
  return db.prepare('SELECT * FROM facts WHERE id = ?').get(id) as FactRow | undefined;
}

export function getMentionRow(db: ReadDb, id: number): MentionRow | undefined {
  return db.prepare('SELECT * FROM mentions WHERE id = ?').get(id) as MentionRow | undefined;
}

export function mentionRowsOf(db: ReadDb, factId: number): MentionRow[] {
  return db.prepare('SELECT * FROM mentions WHERE fact_id = ? ORDER BY id').all(factId) as MentionRow[];
}

export function insertFactRow(db: WriteDb, row: Omit<FactRow, 'id'> & { id?: number }): number {
  return Number(
    db
      .prepare('INSERT INTO facts (id, label, description, type, roles, annotator_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.id ?? null, row.label, row.description, row.type, row.roles, row.annotator_id, row.created_at, row.updated_at).lastInsertRowid,
  );
}

export function insertMentionRow(db: WriteDb, row: Omit<MentionRow, 'id'> & { id?: number }): number {
  return Number(
    db
      .prepare('INSERT INTO mentions (id, fact_id, paragraph_id, start, end, quote, origin, annotator_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.id ?? null, row.fact_id, row.paragraph_id, row.start, row.end, row.quote, row.origin, row.annotator_id, row.created_at).lastInsertRowid,
  );
}

interface MentionView {
  id: number;
  fact_id: number;
  doc_id: number;
  idx: number;
  start: number;
  end: number;
  quote: string;
  origin: LinkOrigin;
  annotator: string | null;
  created_at: string;
}

export function listFacts(db: ReadDb): Fact[] {
  const facts = db.prepare('SELECT f.*, a.name AS annotator FROM facts f LEFT JOIN annotators a ON a.id = f.annotator_id ORDER BY f.id').all() as Array<FactRow & { annotator: string | null }>;
  const mentions = db
    .prepare(
      `SELECT m.id, m.fact_id, p.doc_id, p.idx, m.start, m.end, m.quote, m.origin, a.name AS annotator, m.created_at
       FROM mentions m JOIN paragraphs p ON p.id = m.paragraph_id LEFT JOIN annotators a ON a.id = m.annotator_id
       ORDER BY m.fact_id, p.doc_id, p.idx, m.start`,
    )
    .all() as MentionView[];
  const byFact = new Map<number, Mention[]>();
  for (const m of mentions) {
    const list = byFact.get(m.fact_id) ?? [];
    list.push({ id: m.id, factId: m.fact_id, docId: m.doc_id, paragraph: m.idx, start: m.start, end: m.end, quote: m.quote, annotator: m.annotator, origin: m.origin, createdAt: m.created_at });
    byFact.set(m.fact_id, list);
  }
  return facts.map((f) => ({
    id: f.id,
    label: f.label,
    description: f.description,
    type: f.type,
    roles: JSON.parse(f.roles) as Record<string, string>,
    annotator: f.annotator,
    createdAt: f.created_at,
    mentions: byFact.get(f.id) ?? [],
  }));
}

export function rejectedParagraphs(db: ReadDb, factId: number): Set<number> {
  return new Set((db.prepare('SELECT paragraph_id FROM suggestion_rejections WHERE fact_id = ?').all(factId) as { paragraph_id: number }[]).map((r) => r.paragraph_id));
}

export type { RejectionRow };

export function rejectionRowsOf(db: ReadDb, factId: number): RejectionRow[] {
  return db.prepare('SELECT fact_id, paragraph_id, annotator_id, created_at FROM suggestion_rejections WHERE fact_id = ? ORDER BY paragraph_id').all(factId) as RejectionRow[];
}

export function getRejectionRow(db: ReadDb, factId: number, paragraphId: number): RejectionRow | undefined {
  return db.prepare('SELECT fact_id, paragraph_id, annotator_id, created_at FROM suggestion_rejections WHERE fact_id = ? AND paragraph_id = ?').get(factId, paragraphId) as RejectionRow | undefined;
}

/** Records a rejection, or refreshes who rejected it and when. */
export function upsertRejectionRow(db: WriteDb, row: RejectionRow): void {
  db.prepare(
    `INSERT INTO suggestion_rejections (fact_id, paragraph_id, annotator_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (fact_id, paragraph_id) DO UPDATE SET annotator_id = excluded.annotator_id, created_at = excluded.created_at`,
  ).run(row.fact_id, row.paragraph_id, row.annotator_id, row.created_at);
}

export function updateFactRow(db: WriteDb, row: FactRow): void {
  db.prepare('UPDATE facts SET label = ?, description = ?, type = ?, roles = ?, updated_at = ? WHERE id = ?').run(row.label, row.description, row.type, row.roles, row.updated_at, row.id);
}

export function deleteFactRow(db: WriteDb, id: number): void {
  db.prepare('DELETE FROM facts WHERE id = ?').run(id);
}

export function deleteMentionRow(db: WriteDb, id: number): void {
  db.prepare('DELETE FROM mentions WHERE id = ?').run(id);
}

export function moveMentions(db: WriteDb, mentionIds: number[], factId: number): void {
  const q = db.prepare('UPDATE mentions SET fact_id = ? WHERE id = ?');
  for (const id of mentionIds) q.run(factId, id);
}

export function moveRejection(db: WriteDb, row: RejectionRow, factId: number): void {
  db.prepare('UPDATE suggestion_rejections SET fact_id = ? WHERE fact_id = ? AND paragraph_id = ?').run(factId, row.fact_id, row.paragraph_id);
}

export function mentionCountOf(db: ReadDb, factId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM mentions WHERE fact_id = ?').get(factId) as { n: number }).n;
}
