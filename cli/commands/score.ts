/**
 * `tandem score GOLD TEST [--json] [--rules bleualign|linked|both]`: strict and lax precision,
 * recall and F1 of bead files. By default both rule sets are printed, Bleualign's first (see
 * core/align/score.ts for how they differ).
 */

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseBeads } from '../../core/align/beads-format.js';
import { scoreAlignment, type AlignmentScore, type ScoreRules } from '../../core/align/score.js';

const USAGE = 'usage: tandem score GOLD TEST [--json] [--rules bleualign|linked|both]';

export async function scoreCommand(argv: string[]): Promise<number> {
  let values: { json?: boolean; rules?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        rules: { type: 'string', default: 'both' },
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
  const rules: ScoreRules[] | null =
    values.rules === 'both' ? ['bleualign', 'linked'] : values.rules === 'bleualign' || values.rules === 'linked' ? [values.rules] : null;
  if (!rules) {
    process.stderr.write(`score: unknown rules "${values.rules}" (bleualign, linked or both)\n`);
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
  let results: AlignmentScore[];
  try {
    const gold = parseBeads(files[0]);
    const test = parseBeads(files[1]);
    results = rules.map((r) => scoreAlignment(gold, test, { rules: r }));
  } catch (e) {
    process.stderr.write(`score: ${(e as Error).message}\n`);
    return 2;
  }
  if (values.json) {
    process.stdout.write(JSON.stringify(results.length === 1 ? results[0] : Object.fromEntries(results.map((r) => [r.rules, r]))) + '\n');
    return 0;
  }
  const f = (x: number): string => x.toFixed(4);
  for (const r of results) {
    const title = r.rules === 'bleualign' ? "Bleualign's rules (test beads with an empty side count in precision)" : 'linked beads only (beads with an empty side left out)';
    process.stdout.write(
      `${title}: gold beads ${r.goldBeads}, test beads ${r.testBeads}\n` +
        `  strict  P ${f(r.strict.precision)}  R ${f(r.strict.recall)}  F1 ${f(r.strict.f1)}\n` +
        `  lax     P ${f(r.lax.precision)}  R ${f(r.lax.recall)}  F1 ${f(r.lax.f1)}\n`,
    );
  }
  return 0;
}
