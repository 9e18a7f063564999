import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE } from '../unit/core/align/story-fixtures';
import { startFakeEmbeddings, type FakeEmbeddings } from '../support/fake-embeddings';
import { runCli, runCliJson } from '../support/cli';
import { tempDir, writeFiles } from '../support/project';

let dir: string;
let cleanup: () => void;
let project: string;
let fake: FakeEmbeddings;
const ids: Record<string, number> = {};

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  project = path.join(dir, 'bridge.tandem');
  fake = await startFakeEmbeddings();
  expect((await runCli('init', project)).code).toBe(0);
  for (const d of BRIDGE) {
    const [file] = writeFiles(dir, { [`bridge-${d.lang}.txt`]: d.paragraphs.map((p) => p[0]).join('\n') });
    const r = await runCliJson<{ files: Array<{ docId: number }> }>('import', project, file, '--collection', 'Bridge', '--lang', d.lang, '--paragraphs', 'line');
    ids[d.lang] = r.files[0].docId;
    if (d.paragraphs[0][1]) {
      const [en] = writeFiles(dir, { [`en/bridge-${d.lang}.txt`]: d.paragraphs.map((p) => p[1]).join('\n') });
      expect((await runCli('import-translation', project, '--of', String(ids[d.lang]), en, '--lang', 'en', '--provider', 'deepl')).code).toBe(0);
    }
  }
});

afterAll(async () => {
  await fake.close();
  cleanup();
});

describe('story linking from the command line', () => {
  it('tandem align-story links the story as one job and says what is missing', async () => {
    const r = await runCli('align-story', project, '--collection', 'Bridge');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/story "Bridge": 4 articles/);
    expect(r.stderr).toMatch(/note: document \d+ \(bridge-de\.txt, de\): it has no English translation/);
    const json = await runCliJson<{ pairs: Array<{ docA: number; docB: number; links: number }>; links: number; stories: unknown[] }>('align-story', project, '--collection', 'Bridge');
    expect(json.pairs).toHaveLength(6);
    expect(json.links).toBeGreaterThan(6);
    const bad = await runCli('align-story', project, '--collection', 'Bridge', '--min-confidence', 'lots');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/minimum confidence is a number from 0 to 1/);
  });

  it('tandem align --json shows why each link was proposed, and remembers more or fewer candidates', async () => {
    type Out = { control: { minConfidence: number; perParagraph: number }; links: Array<{ a: number[]; b: number[]; evidence: Array<{ kind: string; label: string; a: { original: number[][] } }>; sentenceA: { text: string; translation: { text: string } | null } }> };
    const r = await runCliJson<Out>('align', project, String(ids.nb), String(ids.sv), '--mode', 'comparable');
    const mayor = r.links.find((l) => l.a[0] === 2 && l.b[0] === 2)!;
    expect(mayor.evidence.map((e) => e.label)).toEqual(expect.arrayContaining(['Solbakken', '1200']));
    expect(mayor.sentenceA.text).toBe('Ordfører Ingrid Solbakken sier at 1.200 innbyggere er isolert.');
    expect(mayor.sentenceA.translation?.text).toBe('Mayor Ingrid Solbakken says that 1,200 residents are cut off.');
    const more = await runCliJson<Out>('align', project, String(ids.nb), String(ids.sv), '--min-confidence', '0.01', '--per-paragraph', '4');
    expect(more.control).toEqual({ minConfidence: 0.01, perParagraph: 4 });
    expect(more.links.length).toBeGreaterThanOrEqual(r.links.length);
    const again = await runCliJson<Out>('align', project, String(ids.nb), String(ids.sv));
    expect(again.control).toEqual({ minConfidence: 0.01, perParagraph: 4 });
    const text = await runCli('align', project, String(ids.nb), String(ids.sv));
    expect(text.stdout).toMatch(/showing \d+ suggested links? at confidence ≥ 0.01, at most 4 per paragraph/);
    // The message counts what the table shows: suggested links at or above the minimum, and the
    // pair's mutual-best links shown below it.
    for (const min of ['0.3', '0.9']) {
      const shown = await runCliJson<{ links: Array<{ confidence: number; status: string }> }>('align', project, String(ids.nb), String(ids.sv), '--min-confidence', min, '--per-paragraph', '1');
      const above = shown.links.filter((l) => l.status === 'suggested' && l.confidence >= Number(min)).length;
      const below = shown.links.filter((l) => l.status === 'suggested').length - above;
      const said = await runCli('align', project, String(ids.nb), String(ids.sv));
      expect(said.stdout).toContain(`showing ${above} suggested link${above === 1 ? '' : 's'} at confidence ≥ ${min}, at most 1 per paragraph`);
      if (below) expect(said.stdout).toContain(`plus ${below} mutual-best link${below === 1 ? '' : 's'} below it`);
      else expect(said.stdout).not.toContain('mutual-best');
    }
  });

  it('tandem facts suggest shows sentences, and tandem facts accept tags the sentence', async () => {
    const quote = 'Ordfører Ingrid Solbakken sier at 1.200 innbyggere er isolert.';
    const added = await runCliJson<{ factId: number }>('facts', 'add', project, '--label', '1,200 cut off', '--doc', String(ids.nb), '--paragraph', '2', '--quote', quote);
    const text = await runCli('facts', 'suggest', project, String(added.factId), '--top', '3');
    expect(text.stdout).toContain('Enligt kommunalrådet Solbakken är 1 200 personer avskurna.');
    expect(text.stdout).toContain('en: According to municipal leader Solbakken, 1,200 people are cut off.');
    expect(text.stdout).toMatch(/shared: .*Solbakken/);
    const json = await runCliJson<Array<{ doc: number; paragraph: number; sentence: { start: number; end: number; text: string } }>>('facts', 'suggest', project, String(added.factId));
    const en = json.find((s) => s.doc === ids.en && s.paragraph === 2)!;
    const accepted = await runCliJson<{ mention: { start: number; end: number; quote: string } }>('facts', 'accept', project, String(added.factId), '--doc', String(ids.en), '--paragraph', '2');
    expect(accepted.mention).toMatchObject({ start: en.sentence.start, end: en.sentence.end, quote: en.sentence.text });
  });

  it('tandem story-map shows the articles side by side with clusters and facts', async () => {
    const map = await runCliJson<{ articles: Array<{ docId: number }>; links: unknown[]; clusters: Array<{ members: unknown[] }>; facts: unknown[] }>('story-map', project, '--collection', 'Bridge');
    expect(map.articles).toHaveLength(4);
    expect(map.links.length).toBeGreaterThan(0);
    expect(map.clusters[0].members.length).toBeGreaterThanOrEqual(2);
    expect(map.facts.length).toBe(1);
    const text = await runCli('story-map', project, '--collection', 'Bridge');
    expect(text.stdout).toMatch(/c1: /);
    expect(text.stdout).toMatch(/\*1 1,200 cut off/);
  });

  it('tandem facts rename changes the label and description that suggestions read', async () => {
    const quote = 'Kommunen har satt krisestab.';
    const added = await runCliJson<{ factId: number }>('facts', 'add', project, '--label', 'F9', '--doc', String(ids.nb), '--paragraph', '2', '--quote', quote);
    type S = Array<{ doc: number; paragraph: number; evidence: Array<{ label: string }> }>;
    // In a story this small the confidence is near 1 either way; what the label adds shows in the evidence.
    const enWhy = (list: S) => (list.find((s) => s.doc === ids.en && s.paragraph === 2)?.evidence ?? []).map((e) => e.label);
    expect(enWhy(await runCliJson<S>('facts', 'suggest', project, String(added.factId)))).not.toContain('collapsed');
    const renamed = await runCli('facts', 'rename', project, String(added.factId), '--label', 'Crisis team', '--description', 'Set up after the bridge collapsed.');
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toContain(`fact ${added.factId} "Crisis team": Set up after the bridge collapsed.`);
    expect(enWhy(await runCliJson<S>('facts', 'suggest', project, String(added.factId)))).toContain('collapsed');
    expect((await runCli('facts', 'suggest', project, String(added.factId))).stdout).toMatch(/shared: .*collapsed \(label\)/);
    const empty = await runCli('facts', 'rename', project, String(added.factId), '--label', ' ');
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toMatch(/--label cannot be empty/);
    expect(empty.stderr).not.toMatch(/\n\s+at /);
    const none = await runCli('facts', 'rename', project, '999');
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/give --label, --description or both/);
    const missing = await runCli('facts', 'rename', project, '999', '--label', 'x');
    expect(missing.stderr).toMatch(/No fact 999/);
    // A label names the fact; a pasted paragraph is refused, and the fact keeps its name.
    const long = await runCli('facts', 'rename', project, String(added.factId), '--label', 'word '.repeat(80));
    expect(long.code).not.toBe(0);
    expect(long.stderr).toMatch(/label is at most 300 characters \(this one has 399\); put the rest in its description/);
    const tooLong = await runCli('facts', 'rename', project, String(added.factId), '--description', 'x'.repeat(10_001));
    expect(tooLong.stderr).toMatch(/description is at most 10,000 characters \(this one has 10,001\)/);
    expect((await runCli('facts', 'rename', project, String(added.factId), '--description', 'Set up after the bridge collapsed.')).stdout).toContain(`fact ${added.factId} "Crisis team"`);
  });

  it('uses an embeddings server end to end: configured in the project, cached, a second run sends nothing', async () => {
    const off = await runCli('similarity', project);
    expect(off.stdout).toMatch(/Semantic similarity is off/);
    const on = await runCliJson<{ configured: boolean; error: string | null }>('similarity', project, '--url', fake.url, '--model', 'test-embed', '--check');
    expect(on).toMatchObject({ configured: true, error: null });
    const first = await runCliJson<{ semantic: { fetched: number; vectors: number } }>('align-story', project, '--collection', 'Bridge');
    // 13 paragraphs, and the two sentences of the one paragraph that has two.
    expect(first.semantic.fetched).toBe(15);
    const sent = fake.requests.length;
    const second = await runCliJson<{ semantic: { fetched: number } }>('align-story', project, '--collection', 'Bridge');
    expect(second.semantic.fetched).toBe(0);
    expect(fake.requests.length).toBe(sent);
    const status = await runCli('similarity', project);
    expect(status.stdout).toMatch(/test-embed at http:\/\/127\.0\.0\.1:\d+\/v1 \(from the project\); key not set; 15 vectors cached/);
    // From the environment, the way DEEPL_AUTH_KEY works, and never required: off again, linking goes on.
    expect((await runCli('similarity', project, '--off')).code).toBe(0);
    expect((await runCliJson<{ semantic: unknown }>('align-story', project, '--collection', 'Bridge')).semantic).toBeNull();
    process.env.TANDEM_EMBEDDINGS_URL = fake.url;
    process.env.TANDEM_EMBEDDINGS_MODEL = 'test-embed';
    try {
      expect((await runCliJson<{ semantic: { fetched: number } }>('align-story', project, '--collection', 'Bridge')).semantic.fetched).toBe(0);
      expect((await runCliJson<{ from: string }>('similarity', project)).from).toBe('environment');
    } finally {
      delete process.env.TANDEM_EMBEDDINGS_URL;
      delete process.env.TANDEM_EMBEDDINGS_MODEL;
    }
  });
});
