import { describe, expect, it } from 'vitest';
import { englishVectors, readWordVectors, WordVectors } from '../../../../core/text/wordvec';
import { storyLexicon } from '../../../../core/text/lexicon';

const cos = (x: ArrayLike<number>, y: ArrayLike<number>) => {
  let d = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i < x.length; i++) {
    d += x[i] * y[i];
    a += x[i] * x[i];
    b += y[i] * y[i];
  }
  return d / Math.sqrt(a * b);
};

/** The layout scripts/build-word-vectors.mjs writes. */
function file(words: string[], rows: number[][], scale = 1): Uint8Array {
  const dims = rows[0].length;
  const head = Buffer.alloc(12);
  head.write('TWV1', 0, 'latin1');
  head.writeUInt32LE(words.length, 4);
  head.writeUInt32LE(dims, 8);
  const scales = Buffer.from(new Float32Array(words.map(() => scale)).buffer);
  const bytes = Buffer.from(Int8Array.from(rows.flat()).buffer);
  return new Uint8Array(Buffer.concat([head, scales, bytes, Buffer.from(words.join('\n'))]));
}

describe('word vectors', () => {
  it('sums the vectors of a text\'s known words, a frequent word weighing less than a rare one', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `w${i.toString(2).replace(/0/g, 'p').replace(/1/g, 'q')}`);
    const rows = words.map((_, i) => (i === 0 ? [1, 0] : i === 999 ? [0, 1] : [0, 0]));
    const v = new WordVectors(words, Float32Array.from(rows.flat()), 2);
    const m = v.meaning(`${words[0].toUpperCase()} ${words[999]} unknown`)!;
    // Weight a / (a + 0.1 / rank): about 0.01 for the commonest word, 0.91 for the thousandth.
    expect(m[0]).toBeCloseTo(1e-3 / (1e-3 + 0.1), 5);
    expect(m[1]).toBeCloseTo(1e-3 / (1e-3 + 0.1 / 1000), 5);
    expect(v.meaning('nothing known here')).toBeNull();
    expect(v.meaning('')).toBeNull();
  });

  it('reads the shipped layout, and refuses a file that is not one or is cut short', () => {
    const buf = file(['ship', 'boat'], [[100, -20], [90, -10]], 0.01);
    const v = readWordVectors(buf);
    expect(v.size).toBe(2);
    expect(v.dims).toBe(2);
    expect(v.meaning('boat')![0]).toBeCloseTo(0.9 * (1e-3 / (1e-3 + 0.1 / 2)), 4);
    expect(() => readWordVectors(new Uint8Array([1, 2, 3]))).toThrow(/not a word-vector file/);
    expect(() => readWordVectors(buf.subarray(0, 20))).toThrow(/truncated/);
  });

  it('ships English vectors that tell a paraphrase from another matter', () => {
    const v = englishVectors();
    expect(v).not.toBeNull();
    expect(v!.size).toBe(100_000);
    const a = v!.meaning('The ferry sank in a storm off the coast')!;
    const b = v!.meaning('A passenger ship went down in rough seas near the shore')!;
    const c = v!.meaning('The central bank raised interest rates again')!;
    expect(cos(a, b)).toBeGreaterThan(cos(a, c) + 0.05);
    // The story engine is given them for English text only.
    const lexicon = storyLexicon();
    expect(lexicon.meaning!('the ferry sank', 'en')).not.toBeNull();
    expect(lexicon.meaning!('ferja sank', 'nb')).toBeNull();
  });
});
