import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../common/types';
import { runCli, runCliJson } from '../support/cli';
import { tempDir, writeFiles } from '../support/project';

// Written for this test: "F.N." (the UN in Norwegian) is in no abbreviation
// list, so the splitter wrongly ends a sentence after it, as it did after "U.S.".
const NB = [
  'FN-møtet i New York',
  'Hun har jobbet for F.N. Sikkerhetsrådet i mange år. Nå går hun av.',
  'Møtet varte i tre timer. Ingen vedtak ble gjort.',
].join('\n');

let dir: string;
let cleanup: () => void;
let project: string;

interface SentenceRow { sentence: number; paragraph: number; text: string }
const sentences = async () => (await runCliJson<SentenceRow[]>('sentences', project, 'fn.txt')).map((r) => r.text);

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  project = path.join(dir, 'c.tandem');
  const [file] = writeFiles(dir, { 'fn.txt': NB });
  expect((await runCli('init', project)).code).toBe(0);
  expect((await runCli('import', project, file, '--lang', 'nb')).code).toBe(0);
});
afterAll(() => cleanup());

describe('fixing segmentation from the command line', () => {
  it('merges sentences wrongly split after an abbreviation, and undoes it', async () => {
    const before = await sentences();
    expect(before).toContain('Hun har jobbet for F.N.');
    const listing = await runCli('sentences', project, 'fn.txt', '--paragraph', '2');
    expect(listing.stdout).toMatch(/^\s+2\s+¶2 0–23\s+Hun har jobbet for F\.N\.$/m);

    const r = await runCli('merge-sentences', project, 'fn.txt', '--paragraph', '2', '--after', 'F.N.');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/merge sentences 2 and 3 of doc 1/);
    expect(r.stdout).toMatch(/undo with: tandem undo/);
    expect(await sentences()).toEqual(['FN-møtet i New York', 'Hun har jobbet for F.N. Sikkerhetsrådet i mange år.', 'Nå går hun av.', 'Møtet varte i tre timer.', 'Ingen vedtak ble gjort.']);

    const undo = await runCli('undo', project);
    expect(undo.stdout).toMatch(/undone: merge sentences 2 and 3 of doc 1/);
    expect(await sentences()).toEqual(before);
    expect((await runCli('redo', project)).stdout).toMatch(/redone/);
    expect(await sentences()).toContain('Hun har jobbet for F.N. Sikkerhetsrådet i mange år.');
    await runCli('undo', project);
  });

  it('splits and merges paragraphs, the text staying the same', async () => {
    const split = await runCliJson<{ documents: Array<{ doc: { paragraphs: number } }> }>('split', project, 'fn.txt', '--paragraph', '3', '--before', 'Ingen vedtak');
    expect(split.documents[0].doc.paragraphs).toBe(4);
    const shown = await runCliJson<{ paragraphs: Array<{ number: number; text: string }> }>('show', project, 'fn.txt');
    expect(shown.paragraphs.map((p) => p.text)).toEqual([...NB.split('\n').slice(0, 2), 'Møtet varte i tre timer.', 'Ingen vedtak ble gjort.']);

    const merged = await runCli('merge-paragraphs', project, 'fn.txt', '--paragraph', '3');
    expect(merged.code).toBe(0);
    const doc = await runCliJson<DocumentDetail & { paragraphs: Array<{ text: string }> }>('show', project, 'fn.txt');
    // The two parts join again with the space that stood between them.
    expect(doc.paragraphs.map((p) => p.text)).toEqual(NB.split('\n'));

    // A sentence split, and undo of all three changes.
    await runCli('split', project, 'fn.txt', '--paragraph', '2', '--before', 'Sikkerhetsrådet', '--sentence');
    expect(await sentences()).toContain('Sikkerhetsrådet i mange år.');
    for (let i = 0; i < 3; i++) expect((await runCli('undo', project)).code).toBe(0);
    expect((await runCliJson<{ paragraphs: unknown[] }>('show', project, 'fn.txt')).paragraphs).toHaveLength(3);
  });

  it('says clearly what is wrong, with no stack trace, and changes nothing', async () => {
    const before = await sentences();
    const ambiguous = await runCli('split', project, 'fn.txt', '--paragraph', '3', '--before', 'e');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/occurs more than once in paragraph 3/);
    const missing = await runCli('split', project, 'fn.txt', '--paragraph', '9', '--at', '3');
    expect(missing.stderr).toMatch(/has no paragraph 9 \(it has 3\)/);
    const notEnd = await runCli('merge-sentences', project, 'fn.txt', '--paragraph', '2', '--after', 'jobbet');
    expect(notEnd.stderr).toMatch(/No sentence of paragraph 2 ends right after "jobbet"/);
    const usage = await runCli('split', project, 'fn.txt', '--paragraph', '2');
    expect(usage.stderr).toMatch(/either --before TEXT or --at OFFSET/);
    for (const r of [ambiguous, missing, notEnd, usage]) expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await sentences()).toEqual(before);
  });
});
