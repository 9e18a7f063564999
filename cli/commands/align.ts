import { TandemError } from '../../common/errors';
import type { AlignLevel, AlignMode } from '../../common/types';
import { getDocumentSummary, getOrCreateAnnotator } from '../../db/queries/documents';
import { AlignService } from '../../core/services/align';
import { resolveDoc } from '../../core/services/documents';
import { History } from '../../core/services/history';
import { annotatorName, need, out, parse, printJson, table, withProject } from '../util';

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
