import { describe, expect, it } from 'vitest';
import { createWorkbench } from '../../../../core/services/workbench';
import { b64, memoryProject } from '../../../support/project';

const DA = 'Toget var forsinket.\nPassagererne ventede i to timer.\nBanedanmark undskylder.';
const EN = 'The train was late.\nPassengers waited for two hours.\nThe rail operator apologises.';

describe('editLinks', () => {
  it('confirms a link named twice once, and undo takes it back in one step', async () => {
    const db = memoryProject();
    const api = createWorkbench(db, { name: 'l.tandem', annotator: 'ole' });
    const doc = (await api.importArticles([{ name: 'tog.txt', base64: b64(DA) }], { lang: 'da' })).files[0].docId!;
    const tr = (await api.importTranslation(doc, { name: 'train.txt', base64: b64(EN) }, { lang: 'en' })).docId!;
    const view = await api.align(doc, tr, { level: 'paragraph' });
    const id = view.links[0].id;
    const r = await api.editLinks(view.id, { op: 'confirm', linkIds: [id, id] });
    expect(r.delta.added.filter((l) => l.id === id)).toHaveLength(1);
    expect(r.delta.added[0].status).toBe('confirmed');
    const stored = (await api.getAlignment(doc, tr, 'paragraph'))!;
    expect(stored.links.find((l) => l.id === id)!.status).toBe('confirmed');
    expect(stored.links).toHaveLength(view.links.length);
    await api.undo();
    expect((await api.getAlignment(doc, tr, 'paragraph'))!.links.find((l) => l.id === id)!.status).toBe(view.links[0].status);
    db.close();
  });
});
