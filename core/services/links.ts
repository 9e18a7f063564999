import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { TandemError } from '../../common/errors';
import type { LinkDelta, LinkEditResult, LinkOperation } from '../../common/api';
import type { AlignmentView } from '../../common/types';
import { deleteLink, getAlignmentRecord, getAlignmentRow, getAlignmentSettingsRecord, getLinks, getLinksById, insertLink, linkIdsAt, nextLinkIdAfter, toLink, touchAlignment, type AlignmentRecord, type AlignmentSettingsRecord, type StoredLink } from '../../db/queries/alignments';
import { getDocumentSummary, now } from '../../db/queries/documents';
import { rowsChange, type History } from './history';
import { getCandidateSettings } from '../../db/queries/links-evidence';
import { DEFAULT_CONTROL } from './story';

export function alignmentView(db: Db, alignmentId: number): AlignmentView {
  const row = getAlignmentRow(db, alignmentId);
  if (!row) throw new TandemError('not-found', `No alignment ${alignmentId}.`);
  const view: AlignmentView = { id: row.id, docA: row.doc_a, docB: row.doc_b, level: row.level, mode: row.mode, links: getLinks(db, alignmentId).map(toLink) };
  if (row.mode === 'comparable' && row.level === 'paragraph') view.control = getCandidateSettings(db, alignmentId) ?? { ...DEFAULT_CONTROL };
  return view;
}

/** How many segments each side has, to validate indices. */
export function segmentCounts(db: Db, alignmentId: number): { a: number; b: number } {
  const row = getAlignmentRow(db, alignmentId)!;
  const count = (doc: number) =>
    row.level === 'paragraph' ? getDocumentSummary(db, doc)!.paragraphs : getDocumentSummary(db, doc)!.sentences;
  return { a: count(row.doc_a), b: count(row.doc_b) };
}

type NewLink = Omit<StoredLink, 'id'> & { id?: number };

export interface ReplaceOptions {
  /**
   * The alignment's row before this operation, when the operation itself
   * created (null) or changed it; by default the row as it is now.
   */
  alignmentBefore?: AlignmentRecord | null;
  /** Its candidate control before this operation, when the operation changed it (null: there was none). */
  settingsBefore?: AlignmentSettingsRecord | null;
}

/**
 * Replaces some links by others in one transaction and logs it for undo.
 * Every operation in the alignment view comes down to this. The delta comes
 * from the rows just written, so an edit never reads the rest of the alignment.
 */
export function replaceLinks(db: Db, history: History, alignmentId: number, remove: StoredLink[], add: NewLink[], description: string, opts: ReplaceOptions = {}): LinkDelta {
  return writeTransaction(db, () => {
    const rowBefore = opts.alignmentBefore !== undefined ? opts.alignmentBefore : getAlignmentRecord(db, alignmentId)!;
    const settingsBefore = opts.settingsBefore !== undefined ? opts.settingsBefore : getAlignmentSettingsRecord(db, alignmentId) ?? null;
    for (const l of remove) deleteLink(db, l.id);
    const ids = add.map((l) => insertLink(db, l));
    touchAlignment(db, alignmentId);
    const added = getLinksById(db, ids);
    // The alignment's own row goes first: it is the parent of the links (and keeps its updated_at through undo);
    // then its candidate control, which chose the suggestions.
    const settingsAfter = getAlignmentSettingsRecord(db, alignmentId);
    history.record(
      'links',
      description,
      [rowsChange('alignments', rowBefore ? [rowBefore] : []), rowsChange('alignment_settings', settingsBefore ? [settingsBefore] : []), { kind: 'links', alignmentId, links: remove.map(strip) }],
      [rowsChange('alignments', [getAlignmentRecord(db, alignmentId)!]), rowsChange('alignment_settings', settingsAfter ? [settingsAfter] : []), { kind: 'links', alignmentId, links: added.map(strip) }],
    );
    return { alignmentId, removed: remove.map((l) => l.id), added: added.map(toLink) };
  });
}

function strip(l: StoredLink & { annotator?: string | null }): StoredLink {
  const { annotator: _ignored, ...rest } = l as StoredLink & { annotator?: string | null };
  return rest;
}

function sorted(xs: number[]): number[] {
  return [...new Set(xs)].sort((x, y) => x - y);
}

/** The link that follows `link` along one side, in reading order, found through the position index. */
function nextAlong(db: Db, link: StoredLink, side: 'a' | 'b'): StoredLink | undefined {
  const id = nextLinkIdAfter(db, link.alignmentId, side, Math.max(...link[side]), link.id);
  return id === undefined ? undefined : getLinksById(db, [id]).map(strip)[0];
}

export function editLinks(db: Db, history: History, annotatorId: number, alignmentId: number, op: LinkOperation): LinkEditResult {
  // Read and written under one write lock: the links an edit starts from are the links it replaces.
  const delta = writeTransaction(db, () => linkEdit(db, history, annotatorId, alignmentId, op));
  // Recording an operation always leaves something to undo and ends the redo branch.
  return { delta, canUndo: true, canRedo: false, seq: history.lastSeq };
}

function linkEdit(db: Db, history: History, annotatorId: number, alignmentId: number, op: LinkOperation): LinkDelta {
  if (!op || typeof op !== 'object') throw new TandemError('invalid-input', 'No link operation given.');
  const row = getAlignmentRow(db, alignmentId);
  if (!row) throw new TandemError('not-found', `No alignment ${alignmentId}.`);
  // Only the links an operation touches are read, so an edit costs the same in a long document.
  const get = (id: number) => {
    const l = getLinksById(db, [id]).map(strip)[0];
    if (!l || l.alignmentId !== alignmentId) throw new TandemError('not-found', `Link ${id} is not in alignment ${alignmentId}.`);
    return l;
  };
  const touching = (a: number[], b: number[]) =>
    getLinksById(db, [...new Set([...linkIdsAt(db, alignmentId, 'a', a), ...linkIdsAt(db, alignmentId, 'b', b)])]).map(strip);
  const t = now();
  const manual = (a: number[], b: number[], status: StoredLink['status'] = 'confirmed', confidence = 1): NewLink => ({
    alignmentId, a: sorted(a), b: sorted(b), confidence, status, origin: 'manual', annotatorId, createdAt: t, updatedAt: t,
  });

  let delta: LinkDelta;
  switch (op.op) {
    case 'confirm':
    case 'reject':
    case 'reset': {
      const status = op.op === 'confirm' ? 'confirmed' : op.op === 'reject' ? 'rejected' : 'suggested';
      // The same link named twice is the same link: it is changed once.
      const targets = [...new Set(Array.isArray(op.linkIds) ? op.linkIds : [])].map(get);
      if (!targets.length) throw new TandemError('invalid-input', 'No links given.');
      delta = replaceLinks(db, history, alignmentId, targets, targets.map((l) => ({ ...l, status, annotatorId, updatedAt: t })), `${op.op} ${targets.length} link${targets.length === 1 ? '' : 's'}`);
      break;
    }
    case 'merge': {
      const link = get(op.linkId);
      const side = link.a.length ? 'a' : 'b';
      const next = nextAlong(db, link, side);
      if (!next) throw new TandemError('invalid-input', 'This is the last link; there is nothing after it to merge with.');
      delta = replaceLinks(db, history, alignmentId, [link, next], [manual([...link.a, ...next.a], [...link.b, ...next.b])], 'merge links');
      break;
    }
    case 'split': {
      const link = get(op.linkId);
      if (link.a.length + link.b.length <= 2) throw new TandemError('invalid-input', 'A 1:1 link cannot be split further; use unlink to remove it.');
      const pieces: NewLink[] = [];
      const n = Math.max(link.a.length, link.b.length);
      for (let i = 0; i < n; i++) {
        const a = link.a[i] !== undefined ? [link.a[i]] : [];
        const b = link.b[i] !== undefined ? [link.b[i]] : [];
        pieces.push(manual(a, b, 'suggested', 0.5));
      }
      delta = replaceLinks(db, history, alignmentId, [link], pieces, 'split link');
      break;
    }
    case 'move-boundary': {
      const link = get(op.linkId);
      const side = op.side;
      if (!link[side].length) throw new TandemError('invalid-input', `This link has nothing on side ${side}.`);
      const next = nextAlong(db, link, side);
      const remove: StoredLink[] = [link];
      const add: NewLink[] = [];
      if (op.direction === 'down') {
        const moved = Math.max(...link[side]);
        const rest = link[side].filter((i) => i !== moved);
        const other = side === 'a' ? 'b' : 'a';
        if (rest.length || link[other].length) add.push(manual(side === 'a' ? rest : link.a, side === 'b' ? rest : link.b));
        if (next) {
          remove.push(next);
          add.push(manual(side === 'a' ? [moved, ...next.a] : next.a, side === 'b' ? [moved, ...next.b] : next.b));
        } else add.push(manual(side === 'a' ? [moved] : [], side === 'b' ? [moved] : []));
      } else {
        if (!next) throw new TandemError('invalid-input', 'There is no following segment to take in.');
        const taken = Math.min(...next[side]);
        add.push(manual(side === 'a' ? [...link.a, taken] : link.a, side === 'b' ? [...link.b, taken] : link.b));
        remove.push(next);
        const rest = next[side].filter((i) => i !== taken);
        const other = side === 'a' ? 'b' : 'a';
        if (rest.length || next[other].length) add.push(manual(side === 'a' ? rest : next.a, side === 'b' ? rest : next.b));
      }
      delta = replaceLinks(db, history, alignmentId, remove, add, `move boundary ${op.direction}`);
      break;
    }
    case 'link': {
      const counts = segmentCounts(db, alignmentId);
      const a = sorted(op.a);
      const b = sorted(op.b);
      if (!a.length && !b.length) throw new TandemError('invalid-input', 'A link needs at least one segment.');
      for (const i of a) if (!Number.isInteger(i) || i < 0 || i >= counts.a) throw new TandemError('invalid-input', `Segment ${i + 1} is not in the first document (it has ${counts.a}).`);
      for (const i of b) if (!Number.isInteger(i) || i < 0 || i >= counts.b) throw new TandemError('invalid-input', `Segment ${i + 1} is not in the second document (it has ${counts.b}).`);
      const remove: StoredLink[] = [];
      const add: NewLink[] = [];
      if (row.mode === 'parallel') {
        // In a parallel alignment each segment sits in one bead: take the segments out of their old links.
        for (const l of touching(a, b)) {
          const keepA = l.a.filter((i) => !a.includes(i));
          const keepB = l.b.filter((i) => !b.includes(i));
          if (keepA.length === l.a.length && keepB.length === l.b.length) continue;
          remove.push(l);
          if (keepA.length || keepB.length) add.push({ ...l, id: undefined, a: keepA, b: keepB, updatedAt: t });
        }
      } else {
        const same = touching(a, b).find((l) => l.a.join() === a.join() && l.b.join() === b.join());
        if (same) remove.push(same);
      }
      add.push(manual(a, b));
      delta = replaceLinks(db, history, alignmentId, remove, add, 'link segments');
      break;
    }
    case 'unlink': {
      delta = replaceLinks(db, history, alignmentId, [get(op.linkId)], [], 'unlink');
      break;
    }
    default:
      throw new TandemError('invalid-input', `Unknown link operation ${(op as { op: string }).op}.`);
  }
  return delta;
}

