import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../db/open';
import { createDemoProject } from '../../core/services/demo';
import type { DocumentSummary } from '../../common/types';
import type { AgreementReport } from '../../core/services/agreement';
import { createWorkbench } from '../../core/services/workbench';
import { documentText, factsToWebAnnotation } from '../../core/services/facts-export';
import { runCli, runCliJson } from '../support/cli';
import { tempDir } from '../support/project';

const demoDir = path.resolve(__dirname, '../../resources/demo');
interface GoldFact { label: string; mentions: Array<{ file: string; paragraph: number; quote: string }> }
const gold = JSON.parse(fs.readFileSync(path.join(demoDir, 'facts.json'), 'utf8')) as { facts: GoldFact[] };

let dir: string;
let cleanup: () => void;
let project: string;
let docs: DocumentSummary[];

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  project = path.join(dir, 'demo.tandem');
  const db = openProject(project, { create: true });
  createDemoProject(db, demoDir);
  db.close();
  docs = await runCliJson<DocumentSummary[]>('list', project);
});
afterAll(() => cleanup());

const docOf = (file: string) => docs.find((d) => d.source === file && d.translationOf === null)!;

describe('tandem facts', () => {
  it('adds a fact with a quoted mention and refuses a quote that is not in the paragraph', async () => {
    const g = gold.facts[0];
    const m = g.mentions[0];
    const r = await runCliJson<{ factId: number; mentionId: number }>('facts', 'add', project, '--label', g.label, '--doc', m.file, '--paragraph', String(m.paragraph), '--quote', m.quote, '--annotator', 'kari');
    expect(r.factId).toBeGreaterThan(0);
    expect(r.mentionId).toBeGreaterThan(0);
    const bad = await runCli('facts', 'add', project, '--fact', String(r.factId), '--doc', m.file, '--paragraph', String(m.paragraph), '--quote', 'words that are not there');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/quote is not in paragraph/);
    const whole = await runCliJson<{ fact: { mentions: Array<{ start: number; end: number; quote: string }> } }>('facts', 'add', project, '--fact', String(r.factId), '--doc', m.file, '--paragraph', '1', '--annotator', 'kari');
    const last = whole.fact.mentions.find((x) => x.start === 0 && x.quote.length === x.end)!;
    expect(last).toBeDefined();
  });

  it('suggests, through the English translations, the paragraphs of the other articles that report the fact', async () => {
    // Recall of the true paragraphs in the top 3 over the demo's gold facts, each seeded with its first mention.
    let found = 0;
    let total = 0;
    for (const [i, g] of gold.facts.entries()) {
      const seed = g.mentions[0];
      const added = await runCliJson<{ factId: number }>('facts', 'add', project, '--label', `gold ${i}`, '--doc', seed.file, '--paragraph', String(seed.paragraph), '--annotator', 'gold');
      const suggestions = await runCliJson<Array<{ doc: number; paragraph: number; score: number }>>('facts', 'suggest', project, String(added.factId), '--top', '10');
      const seedDoc = docOf(seed.file).id;
      expect(suggestions.some((s) => s.doc === seedDoc && s.paragraph === seed.paragraph)).toBe(false);
      for (const other of new Set(g.mentions.filter((m) => m.file !== seed.file).map((m) => m.file))) {
        total++;
        const truth = new Set(g.mentions.filter((m) => m.file === other).map((m) => m.paragraph));
        const top3 = suggestions.filter((s) => s.doc === docOf(other).id).slice(0, 3);
        if (top3.some((s) => truth.has(s.paragraph))) found++;
      }
    }
    // Well above chance (about 3 of 8 paragraphs per article); the bench reports the exact figure.
    expect(found / total).toBeGreaterThan(0.6);
  });

  it('prints the coverage grid as CSV and JSON', async () => {
    const grid = await runCliJson<{ docs: Array<{ id: number }>; rows: Array<{ counts: number[]; articles: number }> }>('facts', 'grid', project);
    expect(grid.docs).toHaveLength(5);
    expect(grid.rows.length).toBeGreaterThan(0);
    const csv = await runCli('facts', 'grid', project, '--csv');
    expect(csv.stdout.split('\n')[0]).toMatch(/^fact_id,label,articles,/);
  });
});

describe('two annotators', () => {
  it('merges two copies keeping both annotators\' work, and measures their agreement', async () => {
    const a = path.join(dir, 'a.tandem');
    const b = path.join(dir, 'b.tandem');
    for (const [file, who] of [[a, 'ann'], [b, 'bob']] as const) {
      const db = openProject(file, { create: true });
      createDemoProject(db, demoDir);
      db.close();
      // Both tag the same two facts; bob also tags one span differently.
      for (const g of gold.facts.slice(0, 2)) {
        const m = g.mentions[0];
        const r = await runCliJson<{ factId: number }>('facts', 'add', file, '--label', g.label, '--doc', m.file, '--paragraph', String(m.paragraph), '--quote', m.quote, '--annotator', who);
        const m2 = g.mentions[1];
        const quote = who === 'bob' ? m2.quote.slice(0, Math.max(1, m2.quote.length - 2)) : m2.quote;
        await runCliJson('facts', 'add', file, '--fact', String(r.factId), '--doc', m2.file, '--paragraph', String(m2.paragraph), '--quote', quote, '--annotator', who);
      }
    }
    const merged = path.join(dir, 'merged.tandem');
    const r = await runCliJson<{ documentsAdded: number; factsAdded: number; mentionsAdded: number }>('merge', a, b, '--out', merged);
    expect(r.documentsAdded).toBe(0);
    expect(r.factsAdded).toBe(2);
    expect(r.mentionsAdded).toBe(4);
    expect((await runCliJson<DocumentSummary[]>('list', merged)).length).toBe(9);

    const report = await runCliJson<AgreementReport>('agreement', merged, '--a', 'ann', '--b', 'bob');
    expect(report.factGrid.matchedFacts).toBe(2);
    expect(report.factGrid.kappa).toBe(1);
    expect(report.mentions.exact.f1).toBe(0.5);
    expect(report.mentions.overlap.f1).toBe(1);
    const missing = await runCli('agreement', merged, '--a', 'ann', '--b', 'nobody');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No annotator "nobody"/);
  });
});

describe('facts export', () => {
  it('writes facts and mentions as JSONL, and as W3C Web Annotation with code-point positions', async () => {
    const file = path.join(dir, 'export.tandem');
    const db = openProject(file, { create: true });
    createDemoProject(db, demoDir);
    db.close();
    const d = await runCliJson<DocumentSummary[]>('list', file);
    const no = d.find((x) => x.source === 'no.txt' && x.translationOf === null)!;
    const paragraphs = (await runCliJson<{ paragraphs: Array<{ text: string }> }>('show', file, String(no.id))).paragraphs;
    const quote = paragraphs[1].text.split(' ').slice(2, 5).join(' ');
    await runCliJson('facts', 'add', file, '--label', 'grounding', '--doc', String(no.id), '--paragraph', '2', '--quote', quote, '--annotator', 'kari');
    const jsonl = path.join(dir, 'facts.jsonl');
    expect((await runCli('facts', 'export', file, '--format', 'jsonl', '--out', jsonl)).code).toBe(0);
    const lines = fs.readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'fact', label: 'grounding', annotator: 'kari' });
    expect(lines[1]).toMatchObject({ type: 'mention', paragraph: 2, quote });

    const w3c = path.join(dir, 'facts.jsonld');
    expect((await runCli('facts', 'export', file, '--format', 'w3c', '--out', w3c)).code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(w3c, 'utf8'));
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    const anno = doc.first.items[0];
    expect(anno.type).toBe('Annotation');
    expect(anno.body[0]).toMatchObject({ type: 'TextualBody', purpose: 'tagging', value: 'grounding' });
    const [quoteSel, posSel] = anno.target.selector;
    expect(quoteSel).toMatchObject({ type: 'TextQuoteSelector', exact: quote });
    const text = [...paragraphs.map((p) => p.text).join('\n')];
    expect(text.slice(posSel.start, posSel.end).join('')).toBe(quote);
  });
});

describe('W3C positions', () => {
  it('count code points, so characters outside the BMP count once', async () => {
    const db = openProject(':memory:', { create: true });
    const api = createWorkbench(db, { name: 'p', annotator: 'kari' });
    const text = '🚢🌊 Ferga gikk på grunn.\n𝔄𝔅 Alle 52 ble reddet.';
    const id = (await api.importArticles([{ name: 'e.txt', base64: Buffer.from(text).toString('base64') }], { lang: 'nb' })).files[0].docId!;
    const para = (await api.getDocument(id)).paragraphList[1].text;
    const start = para.indexOf('52');
    await api.addMention({ newFact: { label: '52 rescued' }, docId: id, paragraph: 1, start, end: start + 2 });
    const anno = (factsToWebAnnotation(db, 'p').first as { items: Array<{ target: { selector: Array<{ start: number; end: number }> } }> }).items[0];
    const pos = anno.target.selector[1];
    const cps = [...documentText(db, id)];
    expect(cps.slice(pos.start, pos.end).join('')).toBe('52');
    // In UTF-16 units the same offset would be 4 further on (four astral characters before it).
    expect(documentText(db, id).indexOf('52') - pos.start).toBe(4);
    db.close();
  });
});

describe('tandem align-story', () => {
  it('links the articles of a story pairwise through their English translations', async () => {
    const r = await runCliJson<{ pairs: Array<{ docA: number; docB: number; links: number; alignment: number }>; links: number }>('align-story', project, '--collection', 'Demo: ferry');
    expect(r.pairs).toHaveLength(10);
    expect(r.links).toBeGreaterThan(10);
    // The two articles that both give the helicopter's 19 people should be linked there.
    const facts = gold.facts.find((f) => /helicopter/i.test(f.label))!;
    const byFile = new Map(facts.mentions.map((m) => [m.file, m.paragraph]));
    const no = docOf('no.txt').id;
    const en = docOf('en.txt').id;
    const pair = r.pairs.find((p) => (p.docA === no && p.docB === en) || (p.docA === en && p.docB === no))!;
    const links = await runCliJson<{ links: Array<{ a: number[]; b: number[] }> }>('align', project, String(pair.docA), String(pair.docB), '--mode', 'comparable');
    const want = pair.docA === no ? [byFile.get('no.txt'), byFile.get('en.txt')] : [byFile.get('en.txt'), byFile.get('no.txt')];
    expect(links.links.some((l) => l.a.includes(want[0]!) && l.b.includes(want[1]!))).toBe(true);
    expect((await runCli('align-story', project, '--collection', 'no such story')).code).toBe(1);
  });
});

describe('tandem undo and redo', () => {
  it('undoes and redoes the last change from the command line', async () => {
    const file = path.join(dir, 'undo.tandem');
    const db = openProject(file, { create: true });
    createDemoProject(db, demoDir);
    db.close();
    await runCliJson('facts', 'add', file, '--label', 'to be undone', '--doc', 'no.txt', '--paragraph', '2');
    expect((await runCliJson<unknown[]>('facts', 'list', file)).length).toBe(1);
    const u = await runCliJson<{ done: boolean; description: string }>('undo', file);
    expect(u).toMatchObject({ done: true, description: 'add mention' });
    expect((await runCliJson<unknown[]>('facts', 'list', file)).length).toBe(0);
    expect(await runCliJson('redo', file)).toMatchObject({ done: true });
    expect((await runCliJson<unknown[]>('facts', 'list', file)).length).toBe(1);
  });
});
