import type { ReadDb } from '../open';

export interface AnnotatorCounts {
  name: string;
  facts: number;
  mentions: number;
  confirmed_links: number;
}

/** Every annotator of the project with how much work of theirs it holds. */
export function annotatorCounts(db: ReadDb): AnnotatorCounts[] {
  return db
    .prepare(
      `SELECT a.name,
              (SELECT count(*) FROM facts f WHERE f.annotator_id = a.id) AS facts,
              (SELECT count(*) FROM mentions m WHERE m.annotator_id = a.id) AS mentions,
              (SELECT count(*) FROM links l WHERE l.annotator_id = a.id AND l.status = 'confirmed') AS confirmed_links
       FROM annotators a ORDER BY a.name`,
    )
    .all() as AnnotatorCounts[];
}

export function annotatorNamesOf(db: ReadDb): string[] {
  return (db.prepare('SELECT name FROM annotators ORDER BY name').all() as { name: string }[]).map((r) => r.name);
}

export function annotatorIdByName(db: ReadDb, name: string): number | undefined {
  return (db.prepare('SELECT id FROM annotators WHERE name = ?').get(name) as { id: number } | undefined)?.id;
}

export interface AnnotatorMentionRow {
  fact_id: number;
  paragraph_id: number;
  doc_id: number;
  start: number;
  end: number;
}

/** The mentions of every fact an annotator made, with the document each is in. */
export function mentionsOfAnnotator(db: ReadDb, annotatorId: number): AnnotatorMentionRow[] {
  return db
    .prepare('SELECT m.fact_id, m.paragraph_id, p.doc_id, m.start, m.end FROM mentions m JOIN paragraphs p ON p.id = m.paragraph_id JOIN facts f ON f.id = m.fact_id WHERE f.annotator_id = ?')
    .all(annotatorId) as AnnotatorMentionRow[];
}

export function factsOfAnnotator(db: ReadDb, annotatorId: number): Array<{ id: number; label: string }> {
  return db.prepare('SELECT id, label FROM facts WHERE annotator_id = ?').all(annotatorId) as Array<{ id: number; label: string }>;
}

/** An annotator's confirmed links, each as its alignment and its segments ("a3,b7"). */
export function confirmedLinksOfAnnotator(db: ReadDb, annotatorId: number): Array<{ al: number; sig: string }> {
  return db
    .prepare(
      `SELECT l.alignment_id AS al,
              (SELECT group_concat(side || idx) FROM (SELECT side, idx FROM link_segments WHERE link_id = l.id ORDER BY side, idx)) AS sig
       FROM links l WHERE l.annotator_id = ? AND l.status = 'confirmed'`,
    )
    .all(annotatorId) as Array<{ al: number; sig: string }>;
}
