import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addProjectAbbreviations, getParagraphs } from '../../../../db/queries/documents';
import { importBytes } from '../../../../core/services/import';
import { importPathsFast } from '../../../../core/services/bulk-import';
import { memoryProject, tempDir, writeFiles } from '../../../support/project';

// "avd." (department) is in no CLDR list: only a project that adds it keeps it inside the sentence.
const TEXT = 'Han jobber i avd. Nord-Vest i Bergen.\nResten av staben er uendret.';

const sentencesOf = (db: ReturnType<typeof memoryProject>, docId: number) => getParagraphs(db, docId)[0].sentences.length;

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('project abbreviations', () => {
  it('apply to the project that added them and to no project opened after it in the same process', () => {
    const withWord = memoryProject();
    addProjectAbbreviations(withWord, 'nb', ['avd.']);
    const a = importBytes(withWord, 'a.txt', Buffer.from(TEXT), { lang: 'nb' });
    expect(sentencesOf(withWord, a.docId!)).toBe(1);

    const without = memoryProject();
    const b = importBytes(without, 'b.txt', Buffer.from(TEXT), { lang: 'nb' });
    expect(sentencesOf(without, b.docId!)).toBe(2);
    withWord.close();
    without.close();
  });

  it('reach the parser threads of a large import, and do not stay there for the next project', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    // Sixteen files or more take the bulk path (on parser threads where the built worker exists:
    // tests/e2e/cli-built.e2e.test.ts checks the threads themselves).
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`f${String(i).padStart(2, '0')}.txt`] = `${TEXT}\nArtikkel nummer ${i} i rekken.`;
    writeFiles(t.dir, files);

    const withWord = memoryProject();
    addProjectAbbreviations(withWord, 'nb', ['avd']);
    const first = await importPathsFast(withWord, [t.dir], { lang: 'nb' });
    expect(first.imported).toBe(20);
    for (const f of first.files) expect(sentencesOf(withWord, f.docId!)).toBe(1);

    const without = memoryProject();
    const second = await importPathsFast(without, [path.join(t.dir)], { lang: 'nb' });
    expect(second.imported).toBe(20);
    for (const f of second.files) expect(sentencesOf(without, f.docId!)).toBe(2);
    withWord.close();
    without.close();
  });
});
