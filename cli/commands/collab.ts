import fs from 'node:fs';
import { TandemError } from '../../common/errors';
import { openProject } from '../../db/open';
import { agreement } from '../../core/services/agreement';
import { assertDistinct, mergeProjects } from '../../core/services/merge';
import { need, out, parse, printJson, withProject } from '../util';

export async function mergeCommand(argv: string[]): Promise<number> {
  const usage = 'tandem merge A.tandem B.tandem --out MERGED.tandem [--json]';
  const { values, positionals } = parse(argv, { out: { type: 'string' }, json: { type: 'boolean' } }, usage);
  need(positionals, 2, usage);
  if (!values.out) throw new TandemError('invalid-input', `--out is required\nusage: ${usage}`);
  const [a, b] = positionals;
  assertDistinct(a, b, values.out);
  if (fs.existsSync(values.out)) throw new TandemError('conflict', `${values.out} already exists; merge writes a new file`);
  // Both inputs are only read: the result is a fresh copy of A with B's work added.
  const first = openProject(a, { readonly: true });
  const second = openProject(b, { readonly: true });
  try {
    await first.backup(values.out);
  } finally {
    first.close();
  }
  const target = openProject(values.out);
  try {
    const report = mergeProjects(target, second);
    if (values.json) printJson(report);
    else out(`merged ${b} into a copy of ${a} at ${values.out}: ${report.documentsAdded} documents, ${report.linksAdded} links, ${report.factsAdded} facts, ${report.mentionsAdded} mentions added`);
  } finally {
    target.close();
    second.close();
  }
  return 0;
}

export async function agreementCommand(argv: string[]): Promise<number> {
  const usage = 'tandem agreement PROJECT --a NAME --b NAME [--json]';
  const { values, positionals } = parse(argv, { a: { type: 'string' }, b: { type: 'string' }, json: { type: 'boolean' } }, usage);
  need(positionals, 1, usage);
  if (!values.a || !values.b) throw new TandemError('invalid-input', `--a and --b name the two annotators\nusage: ${usage}`);
  const r = withProject(positionals[0], (db) => agreement(db, values.a!, values.b!), { readonly: true });
  if (values.json) {
    printJson(r);
    return 0;
  }
  out(`annotators: ${r.annotators[0]} vs ${r.annotators[1]}`);
  out(`fact × article grid: Cohen's kappa ${r.factGrid.kappa ?? 'n/a'} over ${r.factGrid.cells} cells (${r.factGrid.matchedFacts} facts paired of ${r.factGrid.factsA} and ${r.factGrid.factsB})`);
  out(`mention spans: exact F1 ${r.mentions.exact.f1}, overlap F1 ${r.mentions.overlap.f1} (${r.mentions.a} and ${r.mentions.b} mentions)`);
  out(`alignment links: F1 ${r.links.f1.f1} (${r.links.a} and ${r.links.b} confirmed links)`);
  return 0;
}
