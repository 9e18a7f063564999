import { describe, expect, it } from 'vitest';
import { simplePieces } from '../../../../core/text/sentences';
import { eachToken, TokenCounter, topIds } from '../../../../core/text/langid';
import { normalizeParagraph } from '../../../../core/text/normalize';

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces of text of our own in several scripts, with the marks sentence rules care about.
const PARTS = [
  'Bergen', 'bergen', 'Østfold', 'élan', 'Ärzte', 'über', 'Θεσσαλονίκη', 'είπε', 'Москва', 'сказал', 'İstanbul', 'ǅemal',
  '東京', 'です', 'カメラ', 'ภาษาไทย', '2022', '07.40', 'kl', 'Dr', 'U.S', 'z.B', 'nr',
  '.', '.', '.', '!', '?', '…', '。', '！', '؟', ';', ':', ',', '"', "'", '”', '’', '»', '«', ')', '(', ']', '「', '」',
  ' ', ' ', ' ', ' ', '  ', '\u00a0', '\u2009', '\n', '\u00ad', '\u200d', '́', '😀', '𝐀', '𑁇',
];

function randomParagraph(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 24);
  let s = '';
  for (let i = 0; i < n; i++) s += PARTS[Math.floor(rand() * PARTS.length)];
  return s;
}

/** Plain sentences: the shape most paragraphs have, where the fast path applies. */
function plainParagraph(rand: () => number): string {
  const words = ['Han', 'sa', 'at', 'Ferja', 'kom', 'The', 'ferry', 'left', 'Über', 'alles', 'Él', 'dijo', '«Ja»', '"No"', '(i går)', '12'];
  const out: string[] = [];
  for (let s = 0, n = 1 + Math.floor(rand() * 4); s < n; s++) {
    const len = 2 + Math.floor(rand() * 6);
    const ws: string[] = [];
    for (let i = 0; i < len; i++) ws.push(words[Math.floor(rand() * words.length)]);
    out.push(ws.join(' ') + ['.', '!', '?', '."', '.)', '?»'][Math.floor(rand() * 6)]);
  }
  return out.join(' '.repeat(1 + Math.floor(rand() * 2)));
}

function icuPieces(text: string, lang: string): Array<[number, number]> {
  return [...new Intl.Segmenter(lang, { granularity: 'sentence' }).segment(text)].map((p) => [p.index, p.index + p.segment.length]);
}

const TOKEN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]|[^\P{L}\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]+/gu;

describe('fast paths of the import give what the general code gives', () => {
  it('plain paragraphs are cut where ICU cuts them, and anything else is left to ICU', () => {
    const rand = rng(42);
    let fast = 0;
    for (let i = 0; i < 6000; i++) {
      const text = i % 2 ? randomParagraph(rand) : plainParagraph(rand);
      for (const lang of ['en', 'nb', 'de']) {
        const pieces = simplePieces(text);
        if (!pieces) continue;
        fast++;
        expect(pieces, JSON.stringify(text)).toEqual(icuPieces(text, lang));
      }
    }
    // The plain paragraphs take the fast path; otherwise this test would check nothing.
    expect(fast).toBeGreaterThan(3000);
    expect(simplePieces('Han kom kl. 07.40. Så gikk han.')).toBeNull();
    expect(simplePieces('Er sagte: "Nein." dann ging er.')).toBeNull();
    expect(simplePieces('Ferja kom. Den gikk.')).toEqual([[0, 11], [11, 20]]);
  });

  it('tokens are those of the Unicode expression: runs of letters, one token per character of Han, kana and Thai', () => {
    const rand = rng(7);
    for (let i = 0; i < 3000; i++) {
      const text = randomParagraph(rand);
      const seen: string[] = [];
      eachToken(text, (t) => seen.push(t));
      expect(seen, JSON.stringify(text)).toEqual(text.toLowerCase().match(TOKEN) ?? []);
    }
  });

  it('the most frequent words come out as a stable sort of all counts puts them', () => {
    const rand = rng(3);
    for (let i = 0; i < 500; i++) {
      const size = Math.floor(rand() * 120);
      const counts = Int32Array.from({ length: size }, () => Math.floor(rand() * 6));
      const n = 1 + Math.floor(rand() * 45);
      const sorted = [...counts.keys()].sort((a, b) => counts[b] - counts[a]).slice(0, n);
      expect(topIds(counts, size, n)).toEqual(sorted);
    }
  });
  it('token ids are those a map from each token to its first position gives, and so are the counts', () => {
    const rand = rng(11);
    for (let doc = 0; doc < 200; doc++) {
      const counter = new TokenCounter();
      const ids = new Map<string, number>();
      const counts: number[] = [];
      // Enough paragraphs that the table grows and is hashed again.
      for (let i = 0, n = 1 + Math.floor(rand() * 60); i < n; i++) {
        const text = i % 2 ? randomParagraph(rand) : plainParagraph(rand);
        const expected: number[] = [];
        eachToken(text, (t) => {
          if (!ids.has(t)) ids.set(t, ids.size);
          const id = ids.get(t)!;
          counts[id] = (counts[id] ?? 0) + 1;
          expected.push(id);
        });
        expect([...counter.paragraph(text)], JSON.stringify(text)).toEqual(expected);
      }
      expect(counter.tokens).toEqual([...ids.keys()]);
      expect([...counter.counts.subarray(0, counter.size)]).toEqual(counts);
    }
  });

  it('paragraph text is normalised as the plain rules say, with the steps that change nothing skipped', () => {
    const plainRules = (text: string) =>
      text
        .normalize('NFC')
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085]/g, '')
        .replace(/[\u00ad\ufeff]/g, '')
        .replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, (ws) => (ws.includes('\u00a0') && ws.length === 1 ? '\u00a0' : ' '))
        .trim();
    const rand = rng(5);
    const extra = ['e\u0301', 'A\u030a', '\u212b', '\u0007', '\u0085', '\ufeff', '\u3000', '\t', '\r', ' \u00a0', '\u00a0\u00a0', '\u1100\u1161', '\ud800', 'ǅ', 'ÿ'];
    for (let i = 0; i < 5000; i++) {
      let text = i % 2 ? randomParagraph(rand) : plainParagraph(rand);
      if (i % 3 === 0) text = ` ${text}${extra[Math.floor(rand() * extra.length)]}${plainParagraph(rand)} `;
      expect(normalizeParagraph(text), JSON.stringify(text)).toBe(plainRules(text));
    }
  });
});
