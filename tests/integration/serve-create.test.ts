import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openServedProject } from '../../cli/commands/serve';
import { listDocuments } from '../../db/queries/documents';
import { DEMO_COLLECTION } from '../../core/services/demo';
import { tempDir } from '../support/project';

const { dir, cleanup } = tempDir();
afterAll(() => cleanup());

describe('tandem serve --create', () => {
  it('makes a new project with the demo story, as the README promises', () => {
    const file = path.join(dir, 'corpus.tandem');
    const { db, created } = openServedProject(file, { create: true });
    try {
      expect(created).toBe('demo');
      const docs = listDocuments(db);
      expect(docs.filter((d) => d.translationOf === null).map((d) => d.collection)).toEqual(Array(5).fill(DEMO_COLLECTION));
      expect(docs.filter((d) => d.translationOf !== null).length).toBe(4);
    } finally {
      db.close();
    }
  });

  it('opens an existing project as it is, and makes an empty one with --empty', () => {
    const file = path.join(dir, 'corpus.tandem');
    const before = fs.statSync(file).size;
    const again = openServedProject(file, { create: true });
    expect(again.created).toBeNull();
    expect(listDocuments(again.db).length).toBe(9);
    again.db.close();
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(before);
    const empty = openServedProject(path.join(dir, 'empty.tandem'), { create: true, empty: true });
    expect(empty.created).toBe('empty');
    expect(listDocuments(empty.db)).toEqual([]);
    empty.db.close();
  });

  it('refuses to open a project that does not exist without --create', () => {
    expect(() => openServedProject(path.join(dir, 'missing.tandem'))).toThrow(/tandem init/);
  });
});
