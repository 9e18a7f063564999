import { copyParagraphCodes } from '../../db/queries/codes';
import type { ReadDb, WriteDb } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { TandemError } from '../../common/errors';
import { getOrCreateAnnotator } from '../../db/queries/documents';
import { getDocumentMeta, insertDocumentMeta } from '../../db/queries/document-meta';
import {
  alignmentIdFor,
  alignmentsForMerge,
  annotatorNameById,
  collectionForMerge,
  documentByContent,
  documentsForMerge,
  factsForMerge,
  hasMention,
  insertMergedAlignment,
  insertMergedDocument,
  insertMergedFact,
  insertMergedLink,
  insertMergedMention,
  insertMergedParagraph,
  insertMergedRejection,
  insertMtCacheRows,
  linkSegmentsOf,
  linkSignature,
  linksForMerge,
  mentionsForMerge,
  mtCacheRows,
  paragraphIdsOf,
  paragraphsForMerge,
  rejectionsForMerge,
  sameFact,
} from '../../db/queries/merge';

import type { MergeReport } from '../../common/api';
export type { MergeReport };

/**
 * Copies into `target` everything of `source` that target lacks, keeping both
 * annotators' work side by side. Documents are matched by content hash (a
 * translation by its own hash and its original's), paragraphs by position,
 * annotators by name. Facts are never merged with each other: two annotators'
 * facts stay two facts, with their own mentions, so agreement can be measured.
 * Links are matched by their segments, status and annotator.
 */
export function mergeProjects(target: WriteDb, source: ReadDb): MergeReport {
  const report: MergeReport = { documentsAdded: 0, alignmentsAdded: 0, linksAdded: 0, factsAdded: 0, mentionsAdded: 0, rejectionsAdded: 0, mtCacheAdded: 0 };
  const docMap = new Map<number, number>();
  const paraMap = new Map<number, number>();
  const annotatorMap = new Map<number, number | null>();
  const mapAnnotator = (id: number | null): number | null => {
    if (id === null) return null;
    if (!annotatorMap.has(id)) {
      const name = annotatorNameById(source, id);
      annotatorMap.set(id, name !== undefined ? getOrCreateAnnotator(target, name) : null);
    }
    return annotatorMap.get(id)!;
  };

  writeTransaction(target, () => {
    for (const d of documentsForMerge(source)) {
      const originalInTarget = d.translation_of === null ? null : docMap.get(d.translation_of) ?? null;
      if (d.translation_of !== null && originalInTarget === null) continue;
      const existing = documentByContent(target, d.content_hash, originalInTarget);
      let id: number;
      if (existing !== undefined) id = existing;
      else {
        const collectionId = d.collection ? collectionForMerge(target, d.collection, d.created_at) : null;
        id = insertMergedDocument(target, d, collectionId, originalInTarget);
        report.documentsAdded++;
        const meta = getDocumentMeta(source, d.id);
        if (meta) insertDocumentMeta(target, id, meta);
        for (const p of paragraphsForMerge(source, d.id)) {
          const pid = insertMergedParagraph(target, id, p);
          copyParagraphCodes(source, p.id, target, pid);
        }
      }
      docMap.set(d.id, id);
      const targetParas = new Map(paragraphIdsOf(target, id).map((p) => [p.idx, p.id]));
      for (const p of paragraphIdsOf(source, d.id)) {
        const tid = targetParas.get(p.idx);
        if (tid !== undefined) paraMap.set(p.id, tid);
      }
    }

    for (const a of alignmentsForMerge(source)) {
      const docA = docMap.get(a.doc_a);
      const docB = docMap.get(a.doc_b);
      if (docA === undefined || docB === undefined) continue;
      let alignmentId = alignmentIdFor(target, docA, docB, a.level, a.mode);
      if (alignmentId === undefined) {
        alignmentId = insertMergedAlignment(target, docA, docB, a);
        report.alignmentsAdded++;
      }
      const existing = new Set(linksForMerge(target, alignmentId).map((l) => `${linkSignature(target, l.id)}|${l.status}|${l.annotator ?? ''}`));
      for (const l of linksForMerge(source, a.id)) {
        const key = `${linkSignature(source, l.id)}|${l.status}|${l.annotator ?? ''}`;
        if (existing.has(key)) continue;
        existing.add(key);
        insertMergedLink(target, alignmentId, l, mapAnnotator(l.annotator_id), linkSegmentsOf(source, l.id));
        report.linksAdded++;
      }
    }

    for (const f of factsForMerge(source)) {
      let fid = sameFact(target, f.label, f.created_at, f.annotator ?? '');
      if (fid === undefined) {
        fid = insertMergedFact(target, f, mapAnnotator(f.annotator_id));
        report.factsAdded++;
      }
      for (const m of mentionsForMerge(source, f.id)) {
        const pid = paraMap.get(m.paragraph_id);
        if (pid === undefined) continue;
        if (hasMention(target, fid, pid, m.start, m.end)) continue;
        insertMergedMention(target, fid, pid, m, mapAnnotator(m.annotator_id));
        report.mentionsAdded++;
      }
      for (const r of rejectionsForMerge(source, f.id)) {
        const pid = paraMap.get(r.paragraph_id);
        if (pid === undefined) continue;
        report.rejectionsAdded += insertMergedRejection(target, fid, pid, mapAnnotator(r.annotator_id), r.created_at);
      }
    }

    report.mtCacheAdded += insertMtCacheRows(target, mtCacheRows(source));
  });
  return report;
}

export function assertDistinct(a: string, b: string, out: string): void {
  const norm = (p: string) => p.replace(/\/+$/, '');
  if (norm(out) === norm(a) || norm(out) === norm(b)) throw new TandemError('invalid-input', '--out must be a new file, not one of the projects being merged');
}
