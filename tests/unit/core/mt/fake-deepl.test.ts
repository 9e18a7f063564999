import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeepLProvider } from '../../../../core/mt';
import { startFakeDeepL, type FakeDeepL } from '../../../support/fake-deepl';

let fake: FakeDeepL;
beforeEach(async () => {
  fake = await startFakeDeepL({ requireAuthKey: 'k', characterLimit: 30 });
});
afterEach(() => fake.close());

const auth = { Authorization: 'DeepL-Auth-Key k' };

describe('fake DeepL server', () => {
  it('accepts JSON bodies as the API does', async () => {
    const res = await fetch(`${fake.url}/v2/translate`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: ['Hund und Katze'], target_lang: 'EN-US', show_billed_characters: true }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      translations: [{ detected_source_language: 'DE', text: '[EN-US] Dog and Cat', billed_characters: 14 }],
    });
  });

  it('bills usage and answers 456 once the limit would be passed', async () => {
    const p = new DeepLProvider({ authKey: 'k', serverUrl: fake.url, backoff: { initialMs: 1 } });
    await p.translate({ texts: ['a'.repeat(20)], sourceLang: null, targetLang: 'de' });
    await expect(p.translate({ texts: ['b'.repeat(11)], sourceLang: null, targetLang: 'de' })).rejects.toMatchObject({ kind: 'quota' });
    expect(await p.usage()).toEqual({ characterCount: 20, characterLimit: 30 });
  });

  it('answers 403 to a wrong key and checks limits', async () => {
    expect((await fetch(`${fake.url}/v2/usage`, { headers: { Authorization: 'DeepL-Auth-Key nope' } })).status).toBe(403);
    const form = new URLSearchParams({ target_lang: 'de' });
    form.append('text', 'x'.repeat(140 * 1024));
    const big = await fetch(`${fake.url}/v2/translate`, { method: 'POST', headers: auth, body: form });
    expect(big.status).toBe(413);
    const many = new URLSearchParams({ target_lang: 'de' });
    for (let i = 0; i < 51; i++) many.append('text', 't');
    expect((await fetch(`${fake.url}/v2/translate`, { method: 'POST', headers: auth, body: many })).status).toBe(400);
    expect(fake.state.charactersUsed).toBe(0);
  });

  it('serves the glossary endpoints deepl-node uses, v2 and v3', async () => {
    const pairs = await (await fetch(`${fake.url}/v2/glossary-language-pairs`, { headers: auth })).json();
    expect(pairs.supported_languages).toContainEqual({ source_lang: 'nb', target_lang: 'en' });
    const v3 = new URLSearchParams({
      name: 'multi',
      'dictionaries[0].source_lang': 'de',
      'dictionaries[0].target_lang': 'en',
      'dictionaries[0].entries': 'Hund\thound',
      'dictionaries[0].entries_format': 'tsv',
    });
    const created = await fetch(`${fake.url}/v3/glossaries`, { method: 'POST', headers: auth, body: v3 });
    expect(created.status).toBe(201);
    const g = await created.json();
    expect(g.dictionaries).toEqual([{ source_lang: 'de', target_lang: 'en', entry_count: 1 }]);
    const tr = new URLSearchParams({ text: 'Ein Hund', source_lang: 'DE', target_lang: 'EN-GB', glossary_id: g.glossary_id });
    const out = await (await fetch(`${fake.url}/v2/translate`, { method: 'POST', headers: auth, body: tr })).json();
    expect(out.translations[0].text).toBe('[EN-GB] Ein hound');
    expect((await fetch(`${fake.url}/v3/glossaries/${g.glossary_id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
  });
});
