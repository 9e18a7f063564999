import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchApi } from '../../common/api';
import type { Db } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { segmentsOf, translationPerSegment } from '../../core/services/align';
import { b64, memoryProject } from '../support/project';

// A Norwegian original and an independent English version, each with a machine translation
// into the other language made paragraph by paragraph (as the app makes them). The machine
// translation of the second Norwegian paragraph merges its two sentences into one.
const NB = ['Ferja gikk på grunn ved Måløy torsdag kveld. Alle 48 passasjerer ble reddet.', 'Vinden var sterk. Bølgene var flere meter høye.'].join('\n\n');
const NB_MT_EN = ['The ferry ran aground near Måløy on Thursday evening. All 48 passengers were rescued.', 'The wind was strong, and the waves were several metres high.'].join('\n\n');
const EN = ['A ferry ran aground off Måløy on Thursday night.', 'All 48 passengers were brought ashore.', 'Strong wind. Waves of several metres.'].join('\n\n');
const EN_MT_NB = ['En ferje gikk på grunn utenfor Måløy torsdag kveld.', 'Alle 48 passasjerer ble brakt i land.', 'Sterk vind. Bølger på flere meter.'].join('\n\n');

let db: Db;
let api: WorkbenchApi;
let nb: number;
let en: number;
let nbMt: number;

beforeAll(async () => {
  db = memoryProject();
  api = createWorkbench(db, { name: 'm.tandem', annotator: 'kari' });
  const opts = { collection: 'ferry', paragraphs: 'blank-line' as const };
  nb = (await api.importArticles([{ name: 'ferje.txt', base64: b64(NB) }], { ...opts, lang: 'nb' })).files[0].docId!;
  en = (await api.importArticles([{ name: 'ferry.txt', base64: b64(EN) }], { ...opts, lang: 'en' })).files[0].docId!;
  nbMt = (await api.importTranslation(nb, { name: 'ferje.en.txt', base64: b64(NB_MT_EN) }, { lang: 'en', provider: 'deepl' })).docId!;
  await api.importTranslation(en, { name: 'ferry.nb.txt', base64: b64(EN_MT_NB) }, { lang: 'nb', provider: 'deepl' });
});
afterAll(() => db.close());

describe('sentence alignment with translations made per paragraph', () => {
  it('shares each paragraph translation out over the original sentences', () => {
    const seg = segmentsOf(db, nb, 'sentence');
    expect(seg.texts).toHaveLength(4);
    const lines = translationPerSegment(db, seg, nbMt, 'sentence');
    expect(lines).toEqual([
      'The ferry ran aground near Måløy on Thursday evening.',
      'All 48 passengers were rescued.',
      'The wind was strong,',
      'and the waves were several metres high.',
    ]);
  });

  it('aligns the sentences of two originals through both translations', async () => {
    const view = await api.align(nb, en, { level: 'sentence', mode: 'parallel' });
    expect(view.links.map((l) => `${l.a.join('+')}:${l.b.join('+')}`)).toEqual(['0:0', '1:1', '2:2', '3:3']);
  });
});
