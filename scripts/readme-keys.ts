// Rewrites the README's key table from the command table (common/commands.ts):
//   npx tsx scripts/readme-keys.ts            rewrites README.md
//   npx tsx scripts/readme-keys.ts --check    exits 1 when README.md is out of date
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyTableMarkdown } from '../common/commands';

export const KEYS_START = '<!-- keys: generated from common/commands.ts by scripts/readme-keys.ts; edit the table there -->';
export const KEYS_END = '<!-- /keys -->';

/** The document with the text between the markers replaced by the key table. */
export function replaceKeySection(doc: string): string {
  const start = doc.indexOf(KEYS_START);
  const end = doc.indexOf(KEYS_END);
  if (start < 0 || end < start) throw new Error('README.md has no key table markers');
  return `${doc.slice(0, start)}${KEYS_START}\n${keyTableMarkdown()}\n${doc.slice(end)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');
  const before = fs.readFileSync(file, 'utf8');
  const after = replaceKeySection(before);
  if (process.argv.includes('--check')) {
    if (after !== before) {
      console.error('README.md: the key table is out of date; run npx tsx scripts/readme-keys.ts');
      process.exit(1);
    }
  } else if (after !== before) {
    fs.writeFileSync(file, after);
    console.log('README.md: key table rewritten');
  } else console.log('README.md: key table up to date');
}
