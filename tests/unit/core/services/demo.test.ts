import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../../../db/open';
import { findAlignment, getLinks } from '../../../../db/queries/alignments';
import { getParagraphs, listDocuments } from '../../../../db/queries/documents';
import { createDemoProject, DEMO_COLLECTION } from '../../../../core/services/demo';
import { identifyLanguage, splitPlainText } from '../../../../core/text';

const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../resources/demo');

const EXPECTED_LANGS: Record<string, string> = { 'no.txt': 'nb', 'en.txt': 'en', 'nl.txt': 'nl', 'sv.txt': 'sv', 'fi.txt': 'fi' };

interface Mention {
  file: string;
  paragraph: number;
  quote: string;
}
interface Fact {
  label: string;
  type: 'event' | 'claim' | 'entity' | 'quantity';
  mentions: Mention[];
}

const facts = (JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'facts.json'), 'utf8')) as { facts: Fact[] }).facts;

let db: Db;

beforeEach(() => {
  db = openProject(':memory:', { create: true });
  createDemoProject(db, DEMO_DIR);
});
afterEach(() => db.close());

const originals = () => listDocuments(db).filter((d) => d.translationOf === null);
const bySource = (file: string) => {
  const doc = originals().find((d) => d.source === file);
  if (!doc) throw new Error(`no original imported from ${file}`);
  return doc;
};

describe('demo story files', () => {
  it('identifies the language of each article', () => {
    for (const [file, lang] of Object.entries(EXPECTED_LANGS)) {
      const guess = identifyLanguage(fs.readFileSync(path.join(DEMO_DIR, file), 'utf8'));
      expect(guess.lang, file).toBe(lang);
    }
  });

  it('has one translation line per original line', () => {
    for (const file of ['no.txt', 'nl.txt', 'sv.txt', 'fi.txt']) {
      const original = splitPlainText(fs.readFileSync(path.join(DEMO_DIR, file), 'utf8'));
      const translation = splitPlainText(fs.readFileSync(path.join(DEMO_DIR, 'en', file), 'utf8'));
      expect(translation.length, file).toBe(original.length);
      expect(identifyLanguage(translation.join('\n')).lang, `en/${file}`).toBe('en');
    }
  });

  it('marks 10 to 14 facts, at least 6 of them reported by 3 or more articles', () => {
    expect(facts.length).toBeGreaterThanOrEqual(10);
    expect(facts.length).toBeLessThanOrEqual(14);
    for (const f of facts) expect(['event', 'claim', 'entity', 'quantity']).toContain(f.type);
    const widelyReported = facts.filter((f) => new Set(f.mentions.map((m) => m.file)).size >= 3);
    expect(widelyReported.length).toBeGreaterThanOrEqual(6);
  });
});

describe('createDemoProject', () => {
  it('imports five articles and four English translations into the demo collection', () => {
    const docs = listDocuments(db);
    expect(docs).toHaveLength(9);
    expect(docs.every((d) => d.collection === DEMO_COLLECTION)).toBe(true);
    expect(originals()).toHaveLength(5);
    for (const [file, lang] of Object.entries(EXPECTED_LANGS)) expect(bySource(file).lang, file).toBe(lang);
  });

  it('attaches translations with as many paragraphs as their originals, linked one to one', () => {
    const translations = listDocuments(db).filter((d) => d.translationOf !== null);
    expect(translations).toHaveLength(4);
    for (const t of translations) {
      const original = listDocuments(db).find((d) => d.id === t.translationOf)!;
      expect(t.lang).toBe('en');
      expect(t.provenance.kind).toBe('mt');
      expect(t.paragraphs, original.source).toBe(original.paragraphs);
      const alignment = findAlignment(db, original.id, t.id, 'paragraph');
      expect(alignment, original.source).toBeDefined();
      const links = getLinks(db, alignment!.id);
      expect(links).toHaveLength(original.paragraphs);
      for (const l of links) expect(l.a).toEqual(l.b);
    }
    expect(bySource('en.txt').translations).toEqual([]);
  });

  it('stores the paragraphs each facts.json quote names', () => {
    let checked = 0;
    for (const fact of facts) {
      for (const m of fact.mentions) {
        const paragraphs = getParagraphs(db, bySource(m.file).id);
        const p = paragraphs.find((x) => x.index === m.paragraph - 1);
        expect(p, `${m.file} paragraph ${m.paragraph}`).toBeDefined();
        expect(p!.text, `${fact.label} in ${m.file} paragraph ${m.paragraph}`).toContain(m.quote);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('creates no facts', () => {
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM facts').get() as { n: number };
    expect(n).toBe(0);
  });

  it('changes nothing when run a second time', () => {
    createDemoProject(db, DEMO_DIR);
    expect(listDocuments(db)).toHaveLength(9);
  });
});
