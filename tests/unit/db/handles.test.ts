import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openProject, type ReadDb, type WriteDb } from '../../../db/open';
import { getSetting, setSetting } from '../../../db/queries/documents';
import { mergeProjects } from '../../../core/services/merge';
import { tempDir } from '../../support/project';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

/** A project file with one setting, closed again. */
function projectFile(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  const file = path.join(t.dir, 'p.tandem');
  const db = openProject(file, { create: true });
  setSetting(db, 'greeting', 'hei');
  db.close();
  return file;
}

describe('readable and writable handles', () => {
  it('a project opened read-only reads through the queries that read', () => {
    const ro: ReadDb = openProject(projectFile(), { readonly: true });
    try {
      expect(getSetting(ro, 'greeting')).toBe('hei');
    } finally {
      ro.close();
    }
  });

  it('cannot be given to a query that writes: the compiler refuses it, and so would SQLite', () => {
    const ro = openProject(projectFile(), { readonly: true });
    try {
      // @ts-expect-error a read-only handle is not a WriteDb (`npm run check` fails if this line compiles)
      expect(() => setSetting(ro, 'greeting', 'hallo')).toThrow(/readonly/i);
      // Never run: only the compiler looks at it.
      // @ts-expect-error nor is it the project a merge writes into
      const mergeInto = () => mergeProjects(ro, ro);
      expect(typeof mergeInto).toBe('function');
      expect(getSetting(ro, 'greeting')).toBe('hei');
    } finally {
      ro.close();
    }
  });

  it('a project opened for writing is both', () => {
    const rw: WriteDb = openProject(projectFile());
    try {
      setSetting(rw, 'greeting', 'hallo');
      const asReader: ReadDb = rw;
      expect(getSetting(asReader, 'greeting')).toBe('hallo');
    } finally {
      rw.close();
    }
  });
});
