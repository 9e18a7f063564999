import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../db/open';
import { createDemoProject } from '../../core/services/demo';
import type { DocumentSummary } from '../../common/types';
import type { AgreementReport } from '../../core/services/agreement';
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
