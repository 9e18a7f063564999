import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseBaseUrl, OpenAiCompatibleEmbeddings, SimilarityError } from '../../../../core/similarity';
import { fakeVector, startFakeEmbeddings, type FakeEmbeddings } from '../../../support/fake-embeddings';

let fake: FakeEmbeddings;
beforeAll(async () => {
  fake = await startFakeEmbeddings({ models: ['m'], requireKey: 'k' });
});
afterAll(async () => {
  await fake.close();
});

describe('OpenAI-compatible embeddings provider', () => {
  it('accepts the server address with or without /v1, and refuses what is not an http address', () => {
    expect(normaliseBaseUrl('http://127.0.0.1:11434')).toBe('http://127.0.0.1:11434/v1');
    expect(normaliseBaseUrl(' http://127.0.0.1:11434/v1/ ')).toBe('http://127.0.0.1:11434/v1');
    expect(normaliseBaseUrl('http://127.0.0.1:1234/v1/embeddings')).toBe('http://127.0.0.1:1234/v1');
    expect(normaliseBaseUrl('https://api.example.com/openai/v1')).toBe('https://api.example.com/openai/v1');
    expect(() => normaliseBaseUrl('ftp://x')).toThrow(/not an http/);
    expect(() => normaliseBaseUrl('localhost 11434')).toThrow(/not a URL/);
  });

  it('sends texts in batches through the client library and returns vectors in order', async () => {
    const p = new OpenAiCompatibleEmbeddings({ baseUrl: fake.url, model: 'm', apiKey: 'k', batchSize: 2 });
    const before = fake.requests.length;
    const texts = ['one text', 'two texts', 'three', 'four words here', 'five'];
    const out = await p.embed(texts);
    expect(fake.requests.length - before).toBe(3);
    expect(fake.requests.at(-1)!.authorization).toBe('Bearer k');
    out.forEach((v, i) => expect([...v].map((x) => Math.round(x * 1e5))).toEqual(fakeVector(texts[i]).map((x) => Math.round(x * 1e5))));
    expect(JSON.stringify(p)).not.toContain('"k"');
    expect(p.cacheKey).toBe(`${fake.url}|m`);
  });

  it('says what went wrong: the key, the model, the server', async () => {
    const err = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as SimilarityError);
    const badKey = await err(new OpenAiCompatibleEmbeddings({ baseUrl: fake.url, model: 'm', apiKey: 'nope' }).embed(['x']));
    expect(badKey).toMatchObject({ kind: 'auth' });
    const badModel = await err(new OpenAiCompatibleEmbeddings({ baseUrl: fake.url, model: 'other', apiKey: 'k' }).embed(['x']));
    expect(badModel).toMatchObject({ kind: 'not-found' });
    expect(badModel!.message).toMatch(/does not know this model/);
    const down = await err(new OpenAiCompatibleEmbeddings({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 2000 }).embed(['x']));
    expect(down).toMatchObject({ kind: 'network' });
  });
});
