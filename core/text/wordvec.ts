/**
 * English word vectors, for what cross-article linking calls a text's meaning when no embeddings
 * model is configured: the sum of its words' vectors, each weighted a / (a + p(w)) by its
 * estimated frequency p(w) (smooth inverse frequency, Arora, Liang and Ma 2017), with a = 1e-3
 * and p(w) from its frequency rank by Zipf's law (0.1 / rank). Frequent words say little;
 * the story engine removes what all of a story's paragraphs share.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const A = 1e-3;

export class WordVectors {
  private readonly index: Map<string, number>;

  /** `vectors`: one row of `dims` numbers per word, in `words` order, the commonest word first; each row times its `scales` entry. */
  constructor(
    words: readonly string[],
    private readonly vectors: Int8Array | Float32Array,
    readonly dims: number,
    private readonly scales?: Float32Array,
  ) {
    this.index = new Map(words.map((w, i) => [w, i]));
  }

  get size(): number {
    return this.index.size;
  }

  /** The weighted sum of the vectors of a text's known words, or null when it has none. */
  meaning(text: string): Float32Array | null {
    const out = new Float32Array(this.dims);
    let known = 0;
    for (const token of text.toLowerCase().match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? []) {
      const r = this.index.get(token.replace(/’/g, "'"));
      if (r === undefined) continue;
      const w = (A / (A + 0.1 / (r + 1))) * (this.scales ? this.scales[r] : 1);
      const row = r * this.dims;
      for (let i = 0; i < this.dims; i++) out[i] += w * this.vectors[row + i];
      known++;
    }
    return known ? out : null;
  }
}

/** Reads the layout scripts/build-word-vectors.mjs writes; throws on anything else. */
export function readWordVectors(buf: Uint8Array): WordVectors {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 12 || String.fromCharCode(buf[0], buf[1], buf[2], buf[3]) !== 'TWV1') throw new Error('not a word-vector file');
  const count = view.getUint32(4, true);
  const dims = view.getUint32(8, true);
  const wordsAt = 12 + count * 4 + count * dims;
  if (!dims || wordsAt > buf.byteLength) throw new Error('word-vector file is truncated');
  const scales = new Float32Array(count);
  for (let r = 0; r < count; r++) scales[r] = view.getFloat32(12 + r * 4, true);
  const vectors = new Int8Array(buf.buffer, buf.byteOffset + 12 + count * 4, count * dims);
  const words = new TextDecoder().decode(buf.subarray(wordsAt)).split('\n');
  if (words.length !== count) throw new Error('word-vector file is truncated');
  return new WordVectors(words, vectors, dims, scales);
}

const FILE = 'en-100k.bin';
let cached: WordVectors | null | undefined;

/**
 * The English word vectors shipped in resources/vectors, from a checkout, a build (out/…) or the
 * packaged app; null when they are missing or unreadable (suggestions then go by words alone).
 * TANDEM_WORD_VECTORS names another file, or "off".
 */
export function englishVectors(): WordVectors | null {
  if (cached !== undefined) return cached;
  const override = process.env.TANDEM_WORD_VECTORS;
  if (override === 'off') return (cached = null);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = override
    ? [override]
    : [path.resolve(here, '../../resources/vectors', FILE), path.resolve(here, '../resources/vectors', FILE), path.resolve(process.cwd(), 'resources/vectors', FILE)].flatMap((f) => [f, f.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`)]);
  for (const file of candidates) {
    try {
      return (cached = readWordVectors(fs.readFileSync(file)));
    } catch {
      // Next place; without any, suggestions go by words alone.
    }
  }
  return (cached = null);
}
