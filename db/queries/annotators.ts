import type { Db } from '../open';

export interface AnnotatorCounts {
  name: string;
  facts: number;
  mentions: number;
  confirmed_links: number;
}

/** Every annotator of the project with how much work of theirs it holds. */
export function annotatorCounts(db: Db): AnnotatorCounts[] {
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

export function annotatorNamesOf(db: Db): string[] {
  return (db.prepare('SELECT name FROM annotators ORDER BY name').all() as { name: string }[]).map((r) => r.name);
}
