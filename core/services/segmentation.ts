import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { SegmentationEditResult, SegmentationOperation } from '../../common/api';
import type { AlignLevel, AlignMode, ParagraphStatus } from '../../common/types';
import { deleteLink, getAlignmentRecord, getAlignmentRow, getLinksById, insertLink, touchAlignment, type StoredLink } from '../../db/queries/alignments';
import { decodeSpans, encodeSpans, getDocumentSummary, getParagraphs, now } from '../../db/queries/documents';
import type { MentionRow } from '../../db/queries/facts';
import {
  addToFullText,
  adjustDocumentCounts,
  alignmentsOf,
  deleteMentionRow,
  deleteParagraphRow,
  deleteRejectionsOn,
  fullTextPending,
  idTaken,
  linkIdsInRange,
  mentionsOn,
  nextId,
  paragraphRows,
  parkParagraphs,
  putMentionRow,
  putParagraphRow,
  putRejectionRow,
  rejectionsOn,
  removeFromFullText,
  sentencesBefore,
  shiftLinkSegments,
  unparkParagraphs,
  type ParagraphRow,
  type RejectionRow,
} from '../../db/queries/segmentation';
import { resolveDoc } from './documents';
import type { History } from './history';
import { writeTransaction } from '../../db/transaction';

/**
 * Users split and merge paragraphs and sentences where the splitter got them
 * wrong. Text is immutable: a change of segmentation only moves boundaries.
 * The paragraphs of a document, each followed by its gap (the paragraph
 * break, or the spaces where a user split one), always spell the same text.
 *
 * A change is recorded as two snapshots of the same window: the paragraphs it
 * rewrote, the links that point into them, and the mentions and rejected
 * suggestions on them. Undo and redo put one snapshot in place of the other
 * with `applySegmentation`, the same function that made the change.
 */

/** The paragraphs a change rewrites in one document, from position `from` on. */
export interface DocWindow {
  docId: number;
  from: number;
  /** Position through the document of the window's first sentence. */
  sentenceFrom: number;
  rows: ParagraphRow[];
}

export interface SegmentationSnapshot {
  kind: 'segmentation';
  docs: DocWindow[];
  /** Every link with a segment inside a window, at either level. */
  links: StoredLink[];
  mentions: MentionRow[];
  rejections: RejectionRow[];
  /** New rows this snapshot holds that the other does not: they must be free to be created again. */
  created?: { paragraphs: number[]; links: number[]; mentions: number[] };
}

/** The separator a null gap stands for: the one the content hash joins paragraphs with. */
const PARAGRAPH_BREAK = '\n';

type Range = [number, number];

const gapOf = (r: ParagraphRow) => r.gap ?? PARAGRAPH_BREAK;

/** Sentence spans of a row, numbered as the aligner numbers them: a paragraph without spans is one sentence. */
function spansOf(r: ParagraphRow): Range[] {
  const spans = decodeSpans(r.sentences);
  return spans.length ? spans : [[0, r.text.length]];
}

const sentenceCount = (rows: ParagraphRow[]) => rows.reduce((n, r) => n + spansOf(r).length, 0);

/** Where each paragraph's text lies in the window, the window's text starting at 0. */
function paragraphRanges(rows: ParagraphRow[]): Range[] {
  const out: Range[] = [];
  let pos = 0;
  for (const r of rows) {
    out.push([pos, pos + r.text.length]);
    pos += r.text.length + gapOf(r).length;
  }
  return out;
}

function sentenceRanges(rows: ParagraphRow[]): Range[] {
  const out: Range[] = [];
  paragraphRanges(rows).forEach(([pos], i) => {
    for (const [s, e] of spansOf(rows[i])) out.push([pos + s, pos + e]);
  });
  return out;
}

const overlaps = (x: Range, y: Range) => Math.min(x[1], y[1]) > Math.max(x[0], y[0]);

/** For each old segment, the new segments its text went to. */
function overlapMap(before: Range[], after: Range[]): number[][] {
  return before.map((r) => after.flatMap((t, j) => (overlaps(r, t) ? [j] : [])));
}

/** How positions at one level move in one document. */
interface Remap {
  from: number;
  before: number;
  after: number;
  inside: number[][];
}

function remapIndex(i: number, m: Remap): number[] {
  if (i < m.from) return [i];
  if (i >= m.from + m.before) return [i + m.after - m.before];
  return m.inside[i - m.from].map((j) => m.from + j);
}

function remapsOf(current: DocWindow, target: DocWindow): Record<AlignLevel, Remap> {
  return {
    paragraph: { from: current.from, before: current.rows.length, after: target.rows.length, inside: overlapMap(paragraphRanges(current.rows), paragraphRanges(target.rows)) },
    sentence: { from: current.sentenceFrom, before: sentenceCount(current.rows), after: sentenceCount(target.rows), inside: overlapMap(sentenceRanges(current.rows), sentenceRanges(target.rows)) },
  };
}

interface AlignmentInfo {
  docA: number;
  docB: number;
  level: AlignLevel;
  mode: AlignMode;
}

function alignmentInfo(db: Db, cache: Map<number, AlignmentInfo>, id: number): AlignmentInfo {
  let info = cache.get(id);
  if (!info) {
    const row = getAlignmentRow(db, id)!;
    info = { docA: row.doc_a, docB: row.doc_b, level: row.level, mode: row.mode };
    cache.set(id, info);
  }
  return info;
}

const sortedUnique = (xs: number[]) => [...new Set(xs)].sort((x, y) => x - y);

/** A link's segments where the windows moved them. */
function remapLink(link: StoredLink, info: AlignmentInfo, remaps: Map<number, Record<AlignLevel, Remap>>): StoredLink {
  const side = (idxs: number[], doc: number) => {
    const m = remaps.get(doc)?.[info.level];
    return m ? sortedUnique(idxs.flatMap((i) => remapIndex(i, m))) : idxs;
  };
  return { ...link, a: side(link.a, info.docA), b: side(link.b, info.docB) };
}

function stripAnnotator(l: StoredLink & { annotator?: string | null }): StoredLink {
  const { annotator: _a, ...rest } = l as StoredLink & { annotator?: string | null };
  return rest;
}

/** Links with a segment inside any window, in the database as it is now. */
function linksInWindows(db: Db, windows: DocWindow[], skip: Set<number> = new Set()): StoredLink[] {
  const ids = new Set<number>();
  for (const w of windows) {
    const paragraphs: Range = [w.from, w.from + w.rows.length];
    const sentences: Range = [w.sentenceFrom, w.sentenceFrom + sentenceCount(w.rows)];
    for (const a of alignmentsOf(db, w.docId)) {
      const [lo, hi] = a.level === 'paragraph' ? paragraphs : sentences;
      for (const id of linkIdsInRange(db, a.alignmentId, a.side, lo, hi)) if (!skip.has(id)) ids.add(id);
    }
  }
  return getLinksById(db, [...ids].sort((x, y) => x - y)).map(stripAnnotator);
}

/**
 * Puts `target` in place of `current`. Links made outside the undo log since
 * the snapshot was taken (a translation aligned by construction) are moved
 * with the text like the others.
 */
export function applySegmentation(db: Db, current: SegmentationSnapshot, target: SegmentationSnapshot): void {
  if (current.docs.length !== target.docs.length || current.docs.some((w, i) => w.docId !== target.docs[i].docId || w.from !== target.docs[i].from)) {
    throw new Error('refusing to replay a segmentation change whose windows do not match');
  }
  const created = target.created;
  if (created) {
    const taken = (table: 'paragraphs' | 'links' | 'mentions', ids: number[]) => ids.some((id) => idTaken(db, table, id));
    if (taken('paragraphs', created.paragraphs) || taken('links', created.links) || taken('mentions', created.mentions)) {
      throw new TandemError('conflict', 'This change of segmentation cannot be made again: rows added since (by an import or a translation) took the places it needs.');
    }
  }
  const fts = !fullTextPending(db);
  const infos = new Map<number, AlignmentInfo>();
  const remaps = new Map(current.docs.map((w, i) => [w.docId, remapsOf(w, target.docs[i])]));
  const known = new Set(current.links.map((l) => l.id));
  const strays = linksInWindows(db, current.docs, known);
  const touched = new Set<number>([...current.links, ...target.links, ...strays].map((l) => l.alignmentId));

  for (const l of [...current.links, ...strays]) deleteLink(db, l.id);
  const kept = new Set(target.mentions.map((m) => m.id));
  for (const m of current.mentions) if (!kept.has(m.id)) deleteMentionRow(db, m.id);
  deleteRejectionsOn(db, current.docs.flatMap((w) => w.rows.map((r) => r.id)));

  const gone: number[] = [];
  current.docs.forEach((cur, i) => {
    const next = target.docs[i];
    const after = new Map(next.rows.map((r) => [r.id, r]));
    const before = new Map(cur.rows.map((r) => [r.id, r]));
    parkParagraphs(db, cur.docId, cur.from);
    for (const r of cur.rows) {
      if (fts && after.get(r.id)?.text !== r.text) removeFromFullText(db, r.id, r.text);
      if (!after.has(r.id)) gone.push(r.id);
    }
    for (const r of next.rows) {
      putParagraphRow(db, cur.docId, r);
      if (fts && before.get(r.id)?.text !== r.text) addToFullText(db, r.id, r.text);
    }
    unparkParagraphs(db, cur.docId, next.rows.length - cur.rows.length, cur.rows.filter((r) => !after.has(r.id)).map((r) => r.id));
  });
  for (const m of target.mentions) putMentionRow(db, m);
  for (const r of target.rejections) putRejectionRow(db, r);
  for (const id of gone) deleteParagraphRow(db, id);

  current.docs.forEach((cur) => {
    const m = remaps.get(cur.docId)!;
    for (const a of alignmentsOf(db, cur.docId)) {
      const r = m[a.level];
      shiftLinkSegments(db, a.alignmentId, a.side, r.from + r.before, r.after - r.before);
    }
  });
  for (const l of target.links) insertLink(db, l);
  for (const l of strays) insertLink(db, remapLink(l, alignmentInfo(db, infos, l.alignmentId), remaps));
  for (const id of touched) touchAlignment(db, id);

  current.docs.forEach((cur, i) => {
    const next = target.docs[i];
    const chars = (rows: ParagraphRow[]) => rows.reduce((n, r) => n + r.text.length, 0);
    adjustDocumentCounts(db, cur.docId, next.rows.length - cur.rows.length, sentenceCount(next.rows) - sentenceCount(cur.rows), chars(next.rows) - chars(cur.rows));
  });
}

// ---------------------------------------------------------------------------
// Making a change: new rows for a window, then everything that points into it.

const STATUS_ORDER: ParagraphStatus[] = ['initial', 'translated', 'reviewed', 'final'];

/** The boundary around `at`: where the first part ends and the second starts, white space between them. */
function cutAround(text: string, at: number): Range {
  let a = at;
  while (a > 0 && /\s/.test(text[a - 1])) a--;
  let b = at;
  while (b < text.length && /\s/.test(text[b])) b++;
  return [a, b];
}

/**
 * Where a post-edit splits when its paragraph splits at [a, b): found where
 * the edit left the text around the cut unchanged, counted from the start or
 * from the end; null when the edit changed the text at the cut.
 */
function splitEdit(text: string, edited: string, a: number, b: number): [string, string] | null {
  let prefix = 0;
  while (prefix < text.length && prefix < edited.length && text[prefix] === edited[prefix]) prefix++;
  let suffix = 0;
  while (suffix < text.length - prefix && suffix < edited.length - prefix && text[text.length - 1 - suffix] === edited[edited.length - 1 - suffix]) suffix++;
  if (b <= prefix) return [edited.slice(0, a), edited.slice(b)];
  if (a >= text.length - suffix) {
    const shift = edited.length - text.length;
    return [edited.slice(0, a + shift), edited.slice(b + shift)];
  }
  return null;
}

interface RowEdit {
  rows: ParagraphRow[];
  /** Whether the split fell between two sentences (a split inside a sentence splits the sentence too). */
  atSentenceBoundary?: boolean;
  /** How many sentences the first part holds, for a split at a sentence boundary. */
  sentencesBefore?: number;
}

function splitParagraphRow(p: ParagraphRow, at: number, newId: number): RowEdit {
  if (!Number.isInteger(at) || at <= 0 || at >= p.text.length) throw new TandemError('invalid-input', `A paragraph splits at an offset between 1 and ${p.text.length - 1}; ${at} is not.`);
  const [a, b] = cutAround(p.text, at);
  if (!p.text.slice(0, a).trim() || !p.text.slice(b).trim()) throw new TandemError('invalid-input', 'There is no text on one side of that point; choose a point inside the paragraph.');
  const left: Range[] = [];
  const right: Range[] = [];
  let boundary = true;
  for (const [s, e] of spansOf(p)) {
    if (e <= a) left.push([s, e]);
    else if (s >= b) right.push([s - b, e - b]);
    else {
      boundary = false;
      left.push([s, a]);
      right.push([0, e - b]);
    }
  }
  let edits: [string | null, string | null] = [null, null];
  if (p.edited_text !== null) {
    const parts = splitEdit(p.text, p.edited_text, a, b);
    if (!parts) throw new TandemError('conflict', `Paragraph ${p.idx + 1} has a post-edit that changes the text at this point, so its edit cannot be split there. Split it where the edit kept the text, or clear the edit first.`);
    edits = [parts[0] === p.text.slice(0, a) ? null : parts[0], parts[1] === p.text.slice(b) ? null : parts[1]];
  }
  return {
    rows: [
      { ...p, text: p.text.slice(0, a), edited_text: edits[0], sentences: encodeSpans(left), gap: p.text.slice(a, b) },
      { id: newId, idx: p.idx + 1, text: p.text.slice(b), edited_text: edits[1], sentences: encodeSpans(right), status: p.status, gap: p.gap },
    ],
    atSentenceBoundary: boundary,
    sentencesBefore: left.length,
  };
}

function mergeParagraphRows(p: ParagraphRow, q: ParagraphRow): RowEdit {
  const gap = gapOf(p);
  const shift = p.text.length + gap.length;
  const edited = p.edited_text === null && q.edited_text === null ? null : `${p.edited_text ?? p.text}${gap}${q.edited_text ?? q.text}`;
  const status = STATUS_ORDER[Math.min(STATUS_ORDER.indexOf(p.status), STATUS_ORDER.indexOf(q.status))] ?? p.status;
  return {
    rows: [{
      ...p,
      text: `${p.text}${gap}${q.text}`,
      edited_text: edited,
      sentences: encodeSpans([...spansOf(p), ...spansOf(q).map(([s, e]) => [s + shift, e + shift] as Range)]),
      status,
      gap: q.gap,
    }],
  };
}

function splitSentenceRow(p: ParagraphRow, at: number): RowEdit {
  const spans = spansOf(p);
  const i = spans.findIndex(([s, e]) => s < at && at < e);
  if (i < 0) throw new TandemError('invalid-input', `Offset ${at} is not inside a sentence of paragraph ${p.idx + 1}; it is already a boundary, or outside the text.`);
  const [a, b] = cutAround(p.text, at);
  const [s, e] = spans[i];
  if (a <= s || b >= e) throw new TandemError('invalid-input', 'There is no text on one side of that point inside the sentence.');
  return { rows: [{ ...p, sentences: encodeSpans([...spans.slice(0, i), [s, a], [b, e], ...spans.slice(i + 1)]) }] };
}

function mergeSentencesRow(p: ParagraphRow, i: number): RowEdit {
  const spans = spansOf(p);
  return { rows: [{ ...p, sentences: encodeSpans([...spans.slice(0, i), [spans[i][0], spans[i + 1][1]], ...spans.slice(i + 2)]) }] };
}

/** A mention's text, placed in the new rows: one mention per paragraph its text now lies in. */
function placeMentions(mentions: MentionRow[], current: DocWindow, target: DocWindow, nextMentionId: () => number): MentionRow[] {
  const before = new Map(current.rows.map((r, i) => [r.id, paragraphRanges(current.rows)[i]]));
  const after = paragraphRanges(target.rows);
  const out: MentionRow[] = [];
  for (const m of mentions) {
    const base = before.get(m.paragraph_id);
    if (!base) continue;
    const range: Range = [base[0] + m.start, base[0] + m.end];
    const pieces = target.rows.flatMap((r, j) => {
      const [s, e] = after[j];
      const lo = Math.max(range[0], s);
      const hi = Math.min(range[1], e);
      return hi > lo ? [{ row: r, start: lo - s, end: hi - s }] : [];
    });
    if (!pieces.length) {
      // An empty mention (a point) stays where its paragraph went.
      const row = target.rows.find((r) => r.id === m.paragraph_id) ?? target.rows[0];
      out.push({ ...m, paragraph_id: row.id, start: Math.min(m.start, row.text.length), end: Math.min(m.start, row.text.length) });
      continue;
    }
    pieces.forEach((p, k) => out.push({ ...m, id: k === 0 ? m.id : nextMentionId(), paragraph_id: p.row.id, start: p.start, end: p.end, quote: p.row.text.slice(p.start, p.end) }));
  }
  return out;
}

/** A rejected suggestion holds for every paragraph that took text from the paragraph it was made on. */
function placeRejections(rejections: RejectionRow[], current: DocWindow, target: DocWindow): RejectionRow[] {
  const before = new Map(current.rows.map((r, i) => [r.id, paragraphRanges(current.rows)[i]]));
  const after = paragraphRanges(target.rows);
  const out = new Map<string, RejectionRow>();
  for (const r of rejections) {
    const range = before.get(r.paragraph_id);
    if (!range) continue;
    target.rows.forEach((row, j) => {
      if (overlaps(range, after[j])) {
        const key = `${r.fact_id}:${row.id}`;
        if (!out.has(key)) out.set(key, { ...r, paragraph_id: row.id });
      }
    });
  }
  return [...out.values()];
}

/**
 * In a parallel alignment every segment sits in one link: links that a merge
 * brought onto the same segment become one. Rejected links say what does
 * not align, and are left as they are.
 */
function combineShared(links: StoredLink[], infos: (id: number) => AlignmentInfo, t: string): StoredLink[] {
  const out: StoredLink[] = [];
  const byAlignment = new Map<number, StoredLink[]>();
  for (const l of links) {
    if (l.status === 'rejected' || infos(l.alignmentId).mode !== 'parallel') out.push(l);
    else byAlignment.set(l.alignmentId, [...(byAlignment.get(l.alignmentId) ?? []), l]);
  }
  for (const group of byAlignment.values()) {
    const merged: StoredLink[] = [];
    for (const l of group.sort((x, y) => x.id - y.id)) {
      const shares = merged.filter((m) => m.a.some((i) => l.a.includes(i)) || m.b.some((i) => l.b.includes(i)));
      if (!shares.length) {
        merged.push({ ...l });
        continue;
      }
      const all = [...shares, l];
      const same = <K extends keyof StoredLink>(k: K) => all.every((x) => x[k] === all[0][k]);
      const joined: StoredLink = {
        ...shares[0],
        a: sortedUnique(all.flatMap((x) => x.a)),
        b: sortedUnique(all.flatMap((x) => x.b)),
        status: same('status') ? all[0].status : 'suggested',
        origin: same('origin') ? all[0].origin : 'manual',
        confidence: Math.min(...all.map((x) => x.confidence)),
        createdAt: all.map((x) => x.createdAt).sort()[0],
        updatedAt: t,
      };
      for (const s of shares) merged.splice(merged.indexOf(s), 1);
      merged.push(joined);
    }
    out.push(...merged);
  }
  return out;
}

interface Plan {
  current: DocWindow[];
  target: DocWindow[];
  /** Links that were 1:1 between an original and a translation split together: they become two 1:1 links. */
  pairSplits?: boolean;
  description: string;
  notes: string[];
}

function windowOf(db: Db, docId: number, from: number, count: number): DocWindow {
  return { docId, from, sentenceFrom: sentencesBefore(db, docId, from), rows: paragraphRows(db, docId, from, count) };
}

function targetOf(w: DocWindow, rows: ParagraphRow[]): DocWindow {
  return { ...w, rows: rows.map((r, i) => ({ ...r, idx: w.from + i })) };
}

/** Builds both snapshots, applies the change and records it for undo. */
function commit(db: Db, history: History, plan: Plan): SegmentationEditResult {
  const t = now();
  const infos = new Map<number, AlignmentInfo>();
  const info = (id: number) => alignmentInfo(db, infos, id);
  let mentionId = nextId(db, 'mentions');
  let linkId = nextId(db, 'links');
  const links = linksInWindows(db, plan.current);
  const ids = plan.current.flatMap((w) => w.rows.map((r) => r.id));
  const mentions = mentionsOn(db, ids);
  const rejections = rejectionsOn(db, ids);
  const current: SegmentationSnapshot = { kind: 'segmentation', docs: plan.current, links, mentions, rejections };

  const remaps = new Map(plan.current.map((w, i) => [w.docId, remapsOf(w, plan.target[i])]));
  let moved = links.map((l) => remapLink(l, info(l.alignmentId), remaps));
  if (plan.pairSplits) {
    moved = moved.flatMap((l, i) => {
      const old = links[i];
      if (old.a.length !== 1 || old.b.length !== 1 || l.a.length !== 2 || l.b.length !== 2) return [l];
      return [{ ...l, a: [l.a[0]], b: [l.b[0]], updatedAt: t }, { ...l, id: linkId++, a: [l.a[1]], b: [l.b[1]], updatedAt: t }];
    });
  }
  moved = combineShared(moved, info, t);
  const byId = new Map(links.map((l) => [l.id, l]));
  moved = moved.map((l) => {
    const old = byId.get(l.id);
    return old && (old.a.join() !== l.a.join() || old.b.join() !== l.b.join()) ? { ...l, updatedAt: t } : l;
  });
  const targetMentions = plan.current.flatMap((w, i) => placeMentions(mentions.filter((m) => w.rows.some((r) => r.id === m.paragraph_id)), w, plan.target[i], () => mentionId++));
  const targetRejections = plan.current.flatMap((w, i) => placeRejections(rejections, w, plan.target[i]));
  const target: SegmentationSnapshot = { kind: 'segmentation', docs: plan.target, links: moved, mentions: targetMentions, rejections: targetRejections };
  // Rows one side holds and the other does not are created when that side is put back: their ids must still be free then.
  const fresh = (mine: SegmentationSnapshot, other: SegmentationSnapshot) => {
    const minus = (xs: number[], ys: number[]) => xs.filter((x) => !ys.includes(x));
    const rows = (x: SegmentationSnapshot) => x.docs.flatMap((w) => w.rows.map((r) => r.id));
    return {
      paragraphs: minus(rows(mine), rows(other)),
      links: minus(mine.links.map((l) => l.id), other.links.map((l) => l.id)),
      mentions: minus(mine.mentions.map((m) => m.id), other.mentions.map((m) => m.id)),
    };
  };
  target.created = fresh(target, current);
  current.created = fresh(current, target);

  // The alignments of these documents: applying the change touches them, and undo puts their rows back as they were.
  const alignmentIds = [...new Set(plan.current.flatMap((w) => alignmentsOf(db, w.docId).map((a) => a.alignmentId)))];
  const alignmentRows = () => alignmentIds.map((id) => getAlignmentRecord(db, id)!);
  writeTransaction(db, () => {
    const rowsBefore = alignmentRows();
    applySegmentation(db, current, target);
    history.record('segmentation', plan.description, [current, { kind: 'rows', table: 'alignments', rows: rowsBefore.map((r) => ({ ...r })) }], [target, { kind: 'rows', table: 'alignments', rows: alignmentRows().map((r) => ({ ...r })) }]);
  });

  const alignments = new Set<number>();
  for (const w of plan.current) for (const a of alignmentsOf(db, w.docId)) alignments.add(a.alignmentId);
  return {
    description: plan.description,
    documents: plan.target.map((w, i) => ({
      doc: getDocumentSummary(db, w.docId)!,
      from: w.from,
      removed: plan.current[i].rows.length,
      paragraphs: getParagraphs(db, w.docId).slice(w.from, w.from + w.rows.length),
    })),
    alignments: [...alignments].sort((x, y) => x - y),
    notes: plan.notes,
    ...history.state(),
  };
}

function paragraphAt(db: Db, docId: number, index: number): ParagraphRow {
  const count = getDocumentSummary(db, docId)!.paragraphs;
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new TandemError('invalid-input', `Document ${docId} has no paragraph ${Number.isInteger(index) ? index + 1 : index} (it has ${count}).`);
  return paragraphRows(db, docId, index, 1)[0];
}

/** Translations of an original whose paragraph alignment pairs `paragraphs` 1:1, consecutively, with nothing else. */
function linkedOneToOne(db: Db, originalId: number, paragraphs: number[]): Array<{ docId: number; paragraphs: number[] }> {
  const out: Array<{ docId: number; paragraphs: number[] }> = [];
  for (const a of alignmentsOf(db, originalId)) {
    if (a.level !== 'paragraph' || a.mode !== 'parallel') continue;
    if (getDocumentSummary(db, a.other)?.translationOf !== originalId) continue;
    const otherSide = a.side === 'a' ? 'b' : 'a';
    const pairs: number[] = [];
    for (const p of paragraphs) {
      const links = getLinksById(db, linkIdsInRange(db, a.alignmentId, a.side, p, p + 1)).filter((l) => l.status !== 'rejected');
      if (links.length !== 1 || links[0][a.side].length !== 1 || links[0][otherSide].length !== 1) break;
      const q = links[0][otherSide][0];
      // Nothing else may point at the translation's paragraph.
      const back = getLinksById(db, linkIdsInRange(db, a.alignmentId, otherSide, q, q + 1)).filter((l) => l.status !== 'rejected');
      if (back.length !== 1) break;
      pairs.push(q);
    }
    if (pairs.length === paragraphs.length && pairs.every((q, i) => q === pairs[0] + i)) out.push({ docId: a.other, paragraphs: pairs });
  }
  return out;
}

/** Applies one user fix of segmentation to a document, with undo. */
export function editSegmentation(db: Db, history: History, ref: string | number, op: SegmentationOperation): SegmentationEditResult {
  // Planned and made under one write lock: the paragraphs a fix starts from are the ones it rewrites.
  return writeTransaction(db, () => segmentationEdit(db, history, ref, op));
}

function segmentationEdit(db: Db, history: History, ref: string | number, op: SegmentationOperation): SegmentationEditResult {
  const docId = resolveDoc(db, ref);
  const doc = getDocumentSummary(db, docId)!;
  const notes: string[] = [];
  switch (op?.op) {
    case 'split-paragraph': {
      const p = paragraphAt(db, docId, op.paragraph);
      let newId = nextId(db, 'paragraphs');
      const edit = splitParagraphRow(p, op.at, newId++);
      const current = [windowOf(db, docId, p.idx, 1)];
      const target = [targetOf(current[0], edit.rows)];
      let pairSplits = false;
      if (op.translations !== false && doc.translationOf === null) {
        for (const tr of linkedOneToOne(db, docId, [p.idx])) {
          const tp = paragraphRows(db, tr.docId, tr.paragraphs[0], 1)[0];
          const spans = spansOf(tp);
          const mine = spansOf(p).length;
          if (!edit.atSentenceBoundary || spans.length !== mine) {
            notes.push(`doc ${tr.docId} (translation): paragraph ${tp.idx + 1} stays whole and is now linked to both parts; ${edit.atSentenceBoundary ? `its sentences (${spans.length}) do not pair with the original's (${mine})` : 'the original was split inside a sentence'}.`);
            continue;
          }
          try {
            const trEdit = splitParagraphRow(tp, spans[edit.sentencesBefore!][0], newId++);
            const w = windowOf(db, tr.docId, tp.idx, 1);
            current.push(w);
            target.push(targetOf(w, trEdit.rows));
            pairSplits = true;
            notes.push(`doc ${tr.docId} (translation): paragraph ${tp.idx + 1} split at the matching sentence, so it still lines up paragraph by paragraph.`);
          } catch (err) {
            if (!(err instanceof TandemError)) throw err;
            notes.push(`doc ${tr.docId} (translation): paragraph ${tp.idx + 1} stays whole and is now linked to both parts: ${err.message}`);
          }
        }
      }
      return commit(db, history, { current, target, pairSplits, description: `split paragraph ${p.idx + 1} of doc ${docId}`, notes });
    }
    case 'merge-paragraphs': {
      const p = paragraphAt(db, docId, op.paragraph);
      if (p.idx + 1 >= doc.paragraphs) throw new TandemError('invalid-input', `Paragraph ${p.idx + 1} is the last one; there is no next paragraph to merge it with.`);
      const q = paragraphAt(db, docId, p.idx + 1);
      const current = [windowOf(db, docId, p.idx, 2)];
      const target = [targetOf(current[0], mergeParagraphRows(p, q).rows)];
      if (op.translations !== false && doc.translationOf === null) {
        for (const tr of linkedOneToOne(db, docId, [p.idx, q.idx])) {
          const w = windowOf(db, tr.docId, tr.paragraphs[0], 2);
          current.push(w);
          target.push(targetOf(w, mergeParagraphRows(w.rows[0], w.rows[1]).rows));
          notes.push(`doc ${tr.docId} (translation): paragraphs ${tr.paragraphs[0] + 1} and ${tr.paragraphs[1] + 1} merged too, so it still lines up paragraph by paragraph.`);
        }
      }
      return commit(db, history, { current, target, description: `merge paragraphs ${p.idx + 1} and ${q.idx + 1} of doc ${docId}`, notes });
    }
    case 'split-sentence': {
      const p = paragraphAt(db, docId, op.paragraph);
      if (!Number.isInteger(op.at)) throw new TandemError('invalid-input', 'Give the offset in the paragraph where the second sentence starts.');
      const current = [windowOf(db, docId, p.idx, 1)];
      const target = [targetOf(current[0], splitSentenceRow(p, op.at).rows)];
      return commit(db, history, { current, target, description: `split a sentence in paragraph ${p.idx + 1} of doc ${docId}`, notes });
    }
    case 'merge-sentences': {
      const j = op.sentence;
      if (!Number.isInteger(j) || j < 0 || j + 1 >= doc.sentences) throw new TandemError('invalid-input', `Document ${docId} has sentences 1 to ${doc.sentences}; sentence ${Number.isInteger(j) ? j + 1 : j} has no next sentence to merge with.`);
      let first = 0;
      for (const p of getParagraphs(db, docId)) {
        const n = Math.max(1, p.sentences.length);
        if (j < first + n) {
          if (j + 1 >= first + n) {
            throw new TandemError('invalid-input', `Sentence ${j + 1} ends paragraph ${p.index + 1}, and sentence ${j + 2} starts the next one: merge the paragraphs first.`);
          }
          const current = [windowOf(db, docId, p.index, 1)];
          const target = [targetOf(current[0], mergeSentencesRow(current[0].rows[0], j - first).rows)];
          return commit(db, history, { current, target, description: `merge sentences ${j + 1} and ${j + 2} of doc ${docId}`, notes });
        }
        first += n;
      }
      throw new TandemError('invalid-input', `Document ${docId} has no sentence ${j + 1}.`);
    }
    default:
      throw new TandemError('invalid-input', `Unknown segmentation operation ${(op as { op?: string } | undefined)?.op}; use split-paragraph, merge-paragraphs, split-sentence or merge-sentences.`);
  }
}

/** A document's text as imported: its paragraphs, each followed by its gap. No change of segmentation alters it. */
export function documentText(db: Db, docId: number): string {
  const rows = paragraphRows(db, docId, 0, Number.MAX_SAFE_INTEGER);
  return rows.map((r, i) => (i === rows.length - 1 ? r.text : r.text + gapOf(r))).join('');
}
