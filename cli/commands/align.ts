import { TandemError } from '../../common/errors';
import type { AlignLevel, AlignMode } from '../../common/types';
import { getDocumentSummary, getOrCreateAnnotator } from '../../db/queries/documents';
import { AlignService, defaultMode } from '../../core/services/align';
import { resolveDoc } from '../../core/services/documents';
import { History } from '../../core/services/history';
import { annotatorName, need, out, parse, printJson, table, warn, withProject } from '../util';

export async function alignCommand(argv: string[]): Promise<number> {
  const usage = 'tandem align PROJECT DOC_A DOC_B [--level paragraph|sentence] [--mode parallel|comparable] [--json]';
  const { values, positionals } = parse(argv, { level: { type: 'string' }, mode: { type: 'string' }, json: { type: 'boolean' }, annotator: { type: 'string' } }, usage);
  need(positionals, 3, usage);
  const level = (values.level ?? 'paragraph') as AlignLevel;
  if (level !== 'paragraph' && level !== 'sentence') throw new TandemError('invalid-input', '--level is paragraph or sentence');
  if (values.mode && values.mode !== 'parallel' && values.mode !== 'comparable') throw new TandemError('invalid-input', '--mode is parallel or comparable');
  const [file, refA, refB] = positionals;
  const view = withProject(file, (db) => {
    const annotatorId = getOrCreateAnnotator(db, annotatorName(values.annotator));
    const service = new AlignService(db, new History(db, () => annotatorId), () => annotatorId);
    const docA = resolveDoc(db, refA);
    const docB = resolveDoc(db, refB);
    if (values.mode === 'parallel' && defaultMode(db, docA, docB) !== 'parallel') {
      warn(`warning: documents ${docA} and ${docB} are not translations of each other; a parallel alignment pairs them paragraph by paragraph in order (--mode comparable links what they share). Any comparable alignment of the pair is kept.`);
    }
    const v = service.align(docA, docB, { level, mode: values.mode as AlignMode | undefined });
    return { ...v, titleA: getDocumentSummary(db, docA)!.title, titleB: getDocumentSummary(db, docB)!.title };
  });
  const links = view.links
    .filter((l) => l.status !== 'rejected')
    .map((l) => ({ a: l.a.map((i) => i + 1), b: l.b.map((i) => i + 1), confidence: l.confidence, status: l.status }));
  if (values.json) {
    printJson({ alignment: view.id, level: view.level, mode: view.mode, links });
    return 0;
  }
  out(`${view.mode} ${view.level} alignment ${view.id}: doc ${view.docA} ↔ doc ${view.docB}, ${links.length} links (${links.filter((l) => l.status === 'confirmed').length} confirmed)`);
  out(table([['a', 'b', 'confidence', 'status'], ...links.map((l) => [l.a.join(','), l.b.join(','), l.confidence.toFixed(2), l.status])]));
  return 0;
}

export async function alignStoryCommand(argv: string[]): Promise<number> {
  const usage = 'tandem align-story PROJECT [--collection NAME] [--json]   (comparable links between every pair of articles in a story)';
  const { values, positionals } = parse(argv, { collection: { type: 'string' }, json: { type: 'boolean' }, annotator: { type: 'string' } }, usage);
  need(positionals, 1, usage);
  const results = withProject(positionals[0], (db) => {
    const annotatorId = getOrCreateAnnotator(db, annotatorName(values.annotator));
    const service = new AlignService(db, new History(db, () => annotatorId), () => annotatorId);
    const pairs = service.storyPairs(values.collection);
    if (!pairs.length) throw new TandemError('not-found', values.collection ? `Story "${values.collection}" has fewer than two original articles.` : 'There are no two original articles in one story to align.');
    return pairs.map(([a, b]) => {
      const view = service.align(a, b, { level: 'paragraph', mode: 'comparable' });
      const links = view.links.filter((l) => l.status !== 'rejected');
      return { alignment: view.id, docA: a, docB: b, links: links.length, confirmed: links.filter((l) => l.status === 'confirmed').length };
    });
  });
  if (values.json) printJson({ pairs: results, links: results.reduce((n, r) => n + r.links, 0) });
  else {
    out(table([['docA', 'docB', 'links', 'confirmed', 'alignment'], ...results.map((r) => [String(r.docA), String(r.docB), String(r.links), String(r.confirmed), String(r.alignment)])]));
    out(`${results.reduce((n, r) => n + r.links, 0)} links across ${results.length} pairs; articles are compared through their English translations (translate them first)`);
  }
  return 0;
}
