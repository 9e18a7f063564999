import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEEPL_MAX_BODY_BYTES,
  DeepLProvider,
  batchTexts,
  formEncodedBytes,
  joinPieces,
  planBatches,
  runTranslation,
  splitOversized,
  textParamBytes,
} from '../../../../core/mt';
import { MemoryMtStore, startFakeDeepL, type FakeDeepL } from '../../../support/fake-deepl';

describe('formEncodedBytes', () => {
  it('matches what URLSearchParams produces', () => {
    const samples = [
      'plain ascii text',
      "punctuation !'()~*-._ &=+%",
      'Norsk: blåbærsyltetøy',
      'Русский текст с пробелами',
      '日本語のテキスト。',
      'emoji 😀 and 𝄞',
      'lone \ud800 surrogate',
      '\t\n\r',
    ];
    for (const s of samples) {
      expect(formEncodedBytes(s), s).toBe(new URLSearchParams({ t: s }).toString().length - 2);
    }
  });

  it('costs 9 bytes per UTF-16 unit for CJK and 6 for Cyrillic', () => {
    expect(formEncodedBytes('日本')).toBe(18);
    expect(formEncodedBytes('да')).toBe(12);
  });
});

describe('batchTexts', () => {
  it('splits 60 texts into 50 + 10', () => {
    const texts = Array.from({ length: 60 }, (_, i) => `text ${i}`);
    expect(batchTexts(texts).map((b) => b.length)).toEqual([50, 10]);
  });

  it('keeps each batch within the byte budget', () => {
    const big = '語'.repeat(3000); // ~27 KB encoded
    const texts = Array.from({ length: 10 }, () => big);
    const batches = batchTexts(texts, { maxBytes: 100 * 1024 });
    for (const b of batches) {
      expect(b.reduce((n, i) => n + textParamBytes(texts[i]!), 0)).toBeLessThanOrEqual(100 * 1024);
    }
    expect(batches.flat()).toEqual(texts.map((_, i) => i));
    expect(batches.length).toBe(4);
  });
});

describe('splitOversized', () => {
  it('leaves a paragraph that fits untouched', () => {
    expect(splitOversized('  Short one.  ')).toEqual([{ text: '  Short one.  ', lead: '', trail: '' }]);
  });

  it('splits at sentence boundaries and re-joins with the original spacing', () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`);
    const text = sentences.join(' ');
    const pieces = splitOversized(text, 200);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(textParamBytes(p.text)).toBeLessThanOrEqual(200);
      expect(p.text).toMatch(/^Sentence number \d+ is here\.( Sentence number \d+ is here\.)*$/);
    }
    expect(joinPieces(pieces, pieces.map((p) => p.text))).toBe(text);
  });

  it('falls back to word boundaries for one enormous sentence', () => {
    const text = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
    const pieces = splitOversized(text, 300);
    expect(pieces.every((p) => textParamBytes(p.text) <= 300)).toBe(true);
    expect(joinPieces(pieces, pieces.map((p) => p.text))).toBe(text);
  });
});

describe('planBatches', () => {
  it('never plans empty or whitespace-only paragraphs', () => {
    const plan = planBatches(['one', '', '   ', '\n\t', 'two']);
    expect(plan.empty).toEqual([1, 2, 3]);
    expect(plan.requests.flat().map((s) => s.text)).toEqual(['one', 'two']);
  });
});

describe('batching through deepl-node against the fake server', () => {
  let fake: FakeDeepL;
  let provider: DeepLProvider;

  beforeAll(async () => {
    fake = await startFakeDeepL({ characterLimit: 10_000_000 });
    provider = new DeepLProvider({ authKey: 'test-key', serverUrl: fake.url, backoff: { initialMs: 5 } });
  });
  afterAll(() => fake.close());

  it('sends 60 paragraphs as 2 requests', async () => {
    fake.resetLog();
    const items = Array.from({ length: 60 }, (_, i) => ({ id: i, text: `Jeg er katt nummer ${i}.`, sourceLang: 'nb' }));
    const r = await runTranslation(provider, new MemoryMtStore(), items, { targetLang: 'en-GB' });
    expect(r.stoppedBy).toBeUndefined();
    expect(fake.translateRequests().map((q) => q.params.text!.length)).toEqual([50, 10]);
    expect(r.translations.get(7)!.text).toBe('[EN-GB] I is cat nummer 7.');
  });

  it('keeps large non-Latin paragraphs under the body limit, splitting one that is too big alone', async () => {
    fake.resetLog();
    const para = (i: number) => `第${i}段。` + '這是一個很長的句子，包含許多漢字。'.repeat(300); // ~46 KB encoded
    const huge = Array.from({ length: 2000 }, (_, i) => `Это предложение номер ${i}.`).join(' '); // ~110 KB+
    const items = [
      ...Array.from({ length: 8 }, (_, i) => ({ id: `zh${i}`, text: para(i), sourceLang: 'zh' })),
      { id: 'ru', text: huge, sourceLang: 'ru' },
    ];
    expect(formEncodedBytes(huge)).toBeGreaterThan(DEEPL_MAX_BODY_BYTES);
    const r = await runTranslation(provider, new MemoryMtStore(), items, { targetLang: 'en-US' });
    expect(r.stoppedBy).toBeUndefined();
    const log = fake.state.requests.filter((q) => q.path === '/v2/translate');
    expect(log.every((q) => q.status === 200)).toBe(true);
    expect(Math.max(...log.map((q) => q.bodyBytes))).toBeLessThan(DEEPL_MAX_BODY_BYTES);
    const ru = r.translations.get('ru')!.text;
    expect(ru.startsWith('[EN-US] Это предложение номер 0.')).toBe(true);
    expect(ru).toContain('номер 1999.');
    // every piece is prefixed by the fake, proving the paragraph went out in several texts
    expect(ru.match(/\[EN-US\]/g)!.length).toBeGreaterThan(1);
    expect(r.translations.get('zh3')!.text.startsWith('[EN-US] 第3段。')).toBe(true);
  });

  it('the fake rejects an over-limit body, so a batching bug would surface', async () => {
    const texts = Array.from({ length: 10 }, () => '語'.repeat(2000)); // ~180 KB encoded in one request
    await expect(provider.translate({ texts, sourceLang: 'zh', targetLang: 'en-GB' })).rejects.toMatchObject({
      kind: 'bad-request',
      status: 413,
    });
    const tooMany = Array.from({ length: 51 }, (_, i) => `t${i}`);
    await expect(provider.translate({ texts: tooMany, sourceLang: null, targetLang: 'de' })).rejects.toMatchObject({
      kind: 'bad-request',
      status: 400,
    });
  });
});
