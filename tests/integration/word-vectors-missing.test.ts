import { afterAll, describe, expect, it } from 'vitest';
import { b64 } from '../support/project';

// Each test file has its own modules: the word vectors are looked for afresh here.
const before = process.env.TANDEM_WORD_VECTORS;
afterAll(() => {
  if (before === undefined) delete process.env.TANDEM_WORD_VECTORS;
  else process.env.TANDEM_WORD_VECTORS = before;
});

describe('an installation without its word vectors', () => {
  it('links and suggests by words alone, and the story job says what is missing and how to get it back', async () => {
    process.env.TANDEM_WORD_VECTORS = '/nonexistent/en-100k.bin';
    const { englishVectors } = await import('../../core/text/wordvec');
    const { openProject } = await import('../../db/open');
    const { createWorkbench } = await import('../../core/services/workbench');
    expect(englishVectors()).toBeNull();
    const db = openProject(':memory:', { create: true });
    const api = createWorkbench(db, { name: 'sea', annotator: 'kari' });
    const ids: number[] = [];
    for (const [lang, lines] of [['en', ['The ferry sank off the coast.', 'Bread prices rose.']], ['en', ['A vessel went down near the shore.', 'Bread prices rose again.']]] as const) {
      const r = await api.importArticles([{ name: `sea-${ids.length}.txt`, base64: b64(lines.join('\n')) }], { collection: 'Sea', lang, paragraphs: 'line' });
      ids.push(r.files[0].docId!);
    }
    const summary = await api.alignStory({ collection: 'Sea' });
    expect(summary.notes.join('\n')).toMatch(/word vectors \(resources\/vectors\/en-100k\.bin\) are missing from this installation, or turned off by TANDEM_WORD_VECTORS: fact suggestions go by shared words, names and numbers alone\. Reinstall Tandem, or unset TANDEM_WORD_VECTORS/);
    const fact = await api.addMention({ newFact: { label: 'bread prices' }, docId: ids[0], paragraph: 1 });
    const suggestions = await api.suggestMentions(fact.id, 5);
    expect(suggestions[0]).toMatchObject({ docId: ids[1], paragraph: 1 });
    expect(suggestions.some((s) => s.evidence.some((e) => e.kind === 'semantic'))).toBe(false);
    db.close();
  });
});
