import type { Db, ReadDb } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { TandemError } from '../../common/errors';
import type { FactGrid, MentionInput, NewFactInput } from '../../common/api';
import type { Fact, FactType } from '../../common/types';
import { getDocumentSummary, getParagraphs, listDocuments, now } from '../../db/queries/documents';
import { linkSideIndices, linksOnTranslationParagraph } from '../../db/queries/alignments';
import {
  deleteFactRow,
  deleteMentionRow,
  getFactRow,
  getMentionRow,
  getRejectionRow,
  insertFactRow,
  insertMentionRow,
  listFacts,
  mentionRowsOf,
  moveMentions,
  moveRejection,
  upsertRejectionRow,
  rejectionRowsOf,
  updateFactRow,
  type FactRow,
  type MentionRow,
  type RejectionRow,
} from '../../db/queries/facts';
import { rowsChange, type Change, type History } from './history';

const FACT_TYPES: FactType[] = ['event', 'claim', 'entity', 'quantity', 'other'];

function checkType(type: string | undefined): FactType {
  if (type === undefined) return 'event';
  if (!FACT_TYPES.includes(type as FactType)) throw new TandemError('invalid-input', `A fact's type is one of ${FACT_TYPES.join(', ')}, not "${type}".`);
  return type as FactType;
}

/** A label names a fact; a description summarises it (suggestions read 2,000 characters of the two). */
export const FACT_LABEL_MAX = 300;
export const FACT_DESCRIPTION_MAX = 10_000;

function checkWords(label: string, description: string | undefined): void {
  if (label.length > FACT_LABEL_MAX) throw new TandemError('invalid-input', `A fact's label is at most ${FACT_LABEL_MAX} characters (this one has ${label.length}); put the rest in its description.`);
  if (description !== undefined && description.length > FACT_DESCRIPTION_MAX) throw new TandemError('invalid-input', `A fact's description is at most ${FACT_DESCRIPTION_MAX.toLocaleString('en')} characters (this one has ${description.length.toLocaleString('en')}).`);
}

export function getFact(db: Db, id: number): Fact {
  const fact = listFacts(db).find((f) => f.id === id);
  if (!fact) throw new TandemError('not-found', `No fact ${id}.`);
  return fact;
}

export class FactService {
  constructor(
    private readonly db: Db,
    private readonly history: History,
    private readonly annotatorId: () => number,
  ) {}

  list(): Fact[] {
    return listFacts(this.db);
  }

  create(input: NewFactInput): Fact {
    const label = input.label?.trim();
    if (!label) throw new TandemError('invalid-input', 'A fact needs a label.');
    checkWords(label, input.description);
    const t = now();
    const row: Omit<FactRow, 'id'> = {
      label,
      description: input.description?.trim() ?? '',
      type: checkType(input.type),
      roles: JSON.stringify(input.roles ?? {}),
      annotator_id: this.annotatorId(),
      created_at: t,
      updated_at: t,
    };
    const id = writeTransaction(this.db, () => {
      const newId = insertFactRow(this.db, row);
      this.history.record('facts', `create fact "${label}"`, [rowsChange('facts', [])], [rowsChange('facts', [{ id: newId, ...row }])]);
      return newId;
    });
    return getFact(this.db, id);
  }

  update(id: number, patch: Partial<NewFactInput>): Fact {
    writeTransaction(this.db, () => {
      const before = getFactRow(this.db, id);
      if (!before) throw new TandemError('not-found', `No fact ${id}.`);
      checkWords(patch.label?.trim() || before.label, patch.description);
      const after: FactRow = {
        ...before,
        label: patch.label !== undefined ? patch.label.trim() || before.label : before.label,
        description: patch.description ?? before.description,
        type: patch.type !== undefined ? checkType(patch.type) : before.type,
        roles: patch.roles !== undefined ? JSON.stringify(patch.roles) : before.roles,
        updated_at: now(),
      };
      updateFactRow(this.db, after);
      this.history.record('facts', `edit fact "${after.label}"`, [rowsChange('facts', [before])], [rowsChange('facts', [after])]);
    });
    return getFact(this.db, id);
  }

  /** Deletes a fact with its mentions and rejected suggestions; undo brings all three back. */
  delete(id: number): void {
    writeTransaction(this.db, () => {
      const fact = getFactRow(this.db, id);
      if (!fact) throw new TandemError('not-found', `No fact ${id}.`);
      const mentions = mentionRowsOf(this.db, id);
      const rejections = rejectionRowsOf(this.db, id);
      deleteFactRow(this.db, id);
      this.history.record(
        'facts',
        `delete fact "${fact.label}"`,
        [rowsChange('facts', [fact]), rowsChange('mentions', mentions), rowsChange('suggestion_rejections', rejections)],
        [rowsChange('facts', []), rowsChange('mentions', []), rowsChange('suggestion_rejections', [])],
      );
    });
  }

  /**
   * Moves every mention of `dropId` to `keepId` and deletes `dropId`. Its
   * rejected suggestions move too, except where `keepId` rejected the same
   * paragraph already.
   */
  merge(keepId: number, dropId: number): Fact {
    if (keepId === dropId) throw new TandemError('invalid-input', 'A fact cannot be merged with itself.');
    writeTransaction(this.db, () => {
      const keep = getFactRow(this.db, keepId);
      const drop = getFactRow(this.db, dropId);
      if (!keep || !drop) throw new TandemError('not-found', `No fact ${!keep ? keepId : dropId}.`);
      const moved = mentionRowsOf(this.db, dropId);
      const rejections = rejectionRowsOf(this.db, dropId);
      const kept = new Set(rejectionRowsOf(this.db, keepId).map((r) => r.paragraph_id));
      const carried = rejections.filter((r) => !kept.has(r.paragraph_id));
      moveMentions(this.db, moved.map((m) => m.id), keepId);
      for (const r of carried) moveRejection(this.db, r, keepId);
      deleteFactRow(this.db, dropId);
      this.history.record(
        'facts',
        `merge fact "${drop.label}" into "${keep.label}"`,
        [rowsChange('facts', [drop]), rowsChange('mentions', moved), rowsChange('suggestion_rejections', rejections)],
        [rowsChange('facts', []), rowsChange('mentions', moved.map((m) => ({ ...m, fact_id: keepId }))), rowsChange('suggestion_rejections', carried.map((r) => ({ ...r, fact_id: keepId })))],
      );
    });
    return getFact(this.db, keepId);
  }

  /** Moves the given mentions of a fact to a new fact with `label`. */
  split(id: number, mentionIds: number[], label: string): Fact {
    const newId = writeTransaction(this.db, () => {
      const fact = getFactRow(this.db, id);
      if (!fact) throw new TandemError('not-found', `No fact ${id}.`);
      const chosen = new Set(Array.isArray(mentionIds) ? mentionIds : []);
      const mentions = mentionRowsOf(this.db, id).filter((m) => chosen.has(m.id));
      if (!mentions.length) throw new TandemError('invalid-input', 'Choose at least one of the fact\'s mentions to split off.');
      const t = now();
      const { id: _old, ...rest } = fact;
      const newRow: Omit<FactRow, 'id'> = { ...rest, label: String(label ?? '').trim() || `${fact.label} (split)`, annotator_id: this.annotatorId(), created_at: t, updated_at: t };
      const nid = insertFactRow(this.db, newRow);
      moveMentions(this.db, mentions.map((m) => m.id), nid);
      this.history.record(
        'facts',
        `split fact "${fact.label}"`,
        [rowsChange('facts', []), rowsChange('mentions', mentions)],
        [rowsChange('facts', [{ ...newRow, id: nid }]), rowsChange('mentions', mentions.map((m) => ({ ...m, fact_id: nid })))],
      );
      return nid;
    });
    return getFact(this.db, newId);
  }

  /**
   * Attaches a span to a fact. A span chosen in a translation is kept where it
   * was chosen, and is also carried back to the original paragraph(s) it is
   * aligned with, since facts belong to the articles: offsets cannot cross
   * languages, so the original side covers the whole aligned paragraph.
   */
  addMention(input: MentionInput, origin: MentionRow['origin'] = 'manual'): Fact {
    const doc = getDocumentSummary(this.db, input.docId);
    if (!doc) throw new TandemError('not-found', `No document ${input.docId}.`);
    const paragraphs = getParagraphs(this.db, doc.id);
    const para = paragraphs[input.paragraph];
    if (!para) throw new TandemError('invalid-input', `Document ${doc.id} has no paragraph ${input.paragraph + 1} (it has ${paragraphs.length}).`);
    const start = input.start ?? 0;
    const end = input.end ?? para.text.length;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > para.text.length || end <= start) {
      throw new TandemError('invalid-input', `The span ${start}–${end} is not inside paragraph ${input.paragraph + 1} (0–${para.text.length}).`);
    }
    const targets: Array<{ paragraphId: number; start: number; end: number; quote: string; origin: MentionRow['origin'] }> = [];
    if (doc.translationOf !== null) {
      const originals = mapToOriginal(this.db, doc.translationOf, doc.id, input.paragraph);
      if (!originals.length) throw new TandemError('invalid-input', `Paragraph ${input.paragraph + 1} of this translation is not aligned with the original; align it first.`);
      const originalParas = getParagraphs(this.db, doc.translationOf);
      for (const idx of originals) targets.push({ paragraphId: originalParas[idx].id, start: 0, end: originalParas[idx].text.length, quote: originalParas[idx].text, origin: origin === 'manual' ? 'mt' : origin });
    }
    targets.push({ paragraphId: para.id, start, end, quote: para.text.slice(start, end), origin });
    let factId = input.factId;
    const t = now();
    return writeTransaction(this.db, () => {
      const before: Change[] = [rowsChange('facts', []), rowsChange('mentions', [])];
      const after: Change[] = [rowsChange('facts', []), rowsChange('mentions', [])];
      if (factId === undefined) {
        if (!input.newFact) throw new TandemError('invalid-input', 'Name the fact to attach this mention to, or give a label for a new one.');
        const label = input.newFact.label?.trim();
        if (!label) throw new TandemError('invalid-input', 'A fact needs a label.');
        checkWords(label, input.newFact.description);
        const row = { label, description: input.newFact.description ?? '', type: checkType(input.newFact.type), roles: JSON.stringify(input.newFact.roles ?? {}), annotator_id: this.annotatorId(), created_at: t, updated_at: t };
        factId = insertFactRow(this.db, row);
        (after[0] as { rows: object[] }).rows.push({ id: factId, ...row });
      } else if (!getFactRow(this.db, factId)) throw new TandemError('not-found', `No fact ${factId}.`);
      for (const target of targets) {
        const row = { fact_id: factId, paragraph_id: target.paragraphId, start: target.start, end: target.end, quote: target.quote, origin: target.origin, annotator_id: this.annotatorId(), created_at: t };
        const id = insertMentionRow(this.db, row);
        (after[1] as { rows: object[] }).rows.push({ id, ...row });
      }
      this.history.record('mentions', 'add mention', before, after);
      return getFact(this.db, factId!);
    });
  }

  removeMention(mentionId: number): void {
    writeTransaction(this.db, () => {
      const row = getMentionRow(this.db, mentionId);
      if (!row) throw new TandemError('not-found', `No mention ${mentionId}.`);
      deleteMentionRow(this.db, mentionId);
      this.history.record('mentions', 'remove mention', [rowsChange('mentions', [row])], [rowsChange('mentions', [])]);
    });
  }

  /** A rejected suggestion is remembered so it is not proposed again. */
  rejectSuggestion(factId: number, docId: number, paragraph: number): void {
    writeTransaction(this.db, () => {
      if (!getFactRow(this.db, factId)) throw new TandemError('not-found', `No fact ${factId}.`);
      const para = getParagraphs(this.db, docId)[paragraph];
      if (!para) throw new TandemError('invalid-input', `Document ${docId} has no paragraph ${paragraph + 1}.`);
      const before = getRejectionRow(this.db, factId, para.id);
      const row: RejectionRow = { fact_id: factId, paragraph_id: para.id, annotator_id: this.annotatorId(), created_at: now() };
      upsertRejectionRow(this.db, row);
      this.history.record('facts', 'reject suggestion', [rowsChange('suggestion_rejections', before ? [before] : [])], [rowsChange('suggestion_rejections', [row])]);
    });
  }

  /** Facts × original articles: how often each article mentions each fact. */
  grid(minArticles = 0): FactGrid {
    const docs = listDocuments(this.db).filter((d) => d.translationOf === null);
    const column = new Map(docs.map((d, i) => [d.id, i]));
    const rows = this.list().map((f) => {
      const counts = docs.map(() => 0);
      for (const m of f.mentions) {
        const col = column.get(m.docId);
        if (col !== undefined) counts[col]++;
      }
      return { factId: f.id, label: f.label, counts, articles: counts.filter((c) => c > 0).length };
    });
    return {
      docs: docs.map((d) => ({ id: d.id, title: d.title, lang: d.lang })),
      rows: rows.filter((r) => r.articles >= minArticles).sort((x, y) => y.articles - x.articles || x.factId - y.factId),
    };
  }
}

/** Original paragraph indices aligned with one paragraph of a translation. */
export function mapToOriginal(db: ReadDb, originalId: number, translationId: number, paragraph: number): number[] {
  const out = new Set<number>();
  for (const r of linksOnTranslationParagraph(db, originalId, translationId, paragraph)) {
    for (const idx of linkSideIndices(db, r.link_id, r.original_side)) out.add(idx);
  }
  return [...out].sort((x, y) => x - y);
}
