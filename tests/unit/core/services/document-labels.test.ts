import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../../../db/open';
import { setMtDetectedLanguage } from '../../../../db/queries/documents';
import { createWorkbench } from '../../../../core/services/workbench';
import { NEWS } from '../../../fixtures/langid/news';

let db: Db;
let api: ReturnType<typeof createWorkbench>;
const file = (name: string, text: string) => ({ name, base64: Buffer.from(text, 'utf8').toString('base64') });

beforeEach(() => {
  db = openProject(':memory:', { create: true });
  api = createWorkbench(db, { name: 'test', annotator: 'kari' });
});
afterEach(() => db.close());

describe('WorkbenchApi: document titles and languages', () => {
  it('imports with the headline as title and reports language certainty in DocumentSummary', async () => {
    const report = await api.importArticles([file('a.txt', ['Monday, March 7, 2022', 'Ferry aground off the island', ...NEWS.en].join('\n\n')), file('b.txt', 'Huset er på Hamar')], {});
    expect(report.imported).toBe(2);
    const [a, b] = await api.listDocuments();
    expect(a).toMatchObject({ title: 'Ferry aground off the island', lang: 'en', langUnsure: false, mtDetectedLang: null, otherLanguages: [] });
    expect(b.langUnsure).toBe(true);
  });

  it('renames a document, sets and accepts languages, each undoable', async () => {
    await api.importArticles([file('b.txt', 'Huset er på Hamar')], {});
    const [doc] = await api.listDocuments();
    await expect(api.acceptDetectedLanguage(doc.id)).rejects.toThrow(/no language detected/);
    setMtDetectedLanguage(db, doc.id, 'nb');

    expect(await api.setTitle(doc.id, '  Hamar  ')).toMatchObject({ title: 'Hamar' });
    expect(await api.acceptDetectedLanguage(doc.id)).toMatchObject({ lang: 'nb', langConfidence: 1, langUnsure: false });
    expect(await api.setLanguage('b.txt', 'nn')).toMatchObject({ lang: 'nn' });
    await expect(api.setLanguage(doc.id, 'norsk!')).rejects.toThrow(/not a language code/);
    await expect(api.setTitle(doc.id, '')).rejects.toThrow(/cannot be empty/);

    expect((await api.undo()).description).toMatch(/language of document \d+: nb → nn/);
    expect((await api.getDocument(doc.id)).lang).toBe('nb');
    await api.undo();
    expect(await api.getDocument(doc.id)).toMatchObject({ lang: doc.lang, langUnsure: true, title: 'Hamar' });
    await api.undo();
    expect((await api.getDocument(doc.id)).title).toBe(doc.title);
    await api.redo();
    expect((await api.getDocument(doc.id)).title).toBe('Hamar');
  });
});
