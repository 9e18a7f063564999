/** `tandem score GOLD TEST [--json]`: strict and lax precision, recall and F1 of bead files. */

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseBeads } from '../../core/align/beads-format.js';
import { scoreAlignment } from '../../core/align/score.js';

const USAGE = 'usage: tandem score GOLD TEST [--json] [--include-null]';

export async function scoreCommand(argv: string[]): Promise<number> {
  let values: { json?: boolean; 'include-null'?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        'include-null': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    process.stderr.write(`score: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (positionals.length !== 2) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const files: string[] = [];
  for (const f of positionals) {
    try {
      files.push(await readFile(f, 'utf8'));
    } catch (e) {
      process.stderr.write(`score: cannot read ${f} (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
      return 2;
    }
  }
  let result;
  try {
    result = scoreAlignment(parseBeads(files[0]), parseBeads(files[1]), { includeNull: values['include-null'] });
  } catch (e) {
    process.stderr.write(`score: ${(e as Error).message}\n`);
    return 2;
  }
  if (values.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
  } else {
    const f = (x: number): string => x.toFixed(4);
    process.stdout.write(
      `gold beads ${result.goldBeads}, test beads ${result.testBeads}\n` +
        `strict  P ${f(result.strict.precision)}  R ${f(result.strict.recall)}  F1 ${f(result.strict.f1)}\n` +
        `lax     P ${f(result.lax.precision)}  R ${f(result.lax.recall)}  F1 ${f(result.lax.f1)}\n`,
    );
  }
  return 0;
}
