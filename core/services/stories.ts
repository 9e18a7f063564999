import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { TandemError } from '../../common/errors';
import type { StoryEditResult, StorySummary } from '../../common/api';
import type { DocRef } from '../../common/types';
import { getDocumentSummary, now } from '../../db/queries/documents';
import {
  deleteCollection,
  documentsInCollection,
  getCollection,
  getCollectionByName,
  insertCollection,
  listStoryRows,
  membership,
  putCollection,
  setDocumentCollection,
  withTranslations,
  type CollectionRow,
} from '../../db/queries/stories';
import { resolveDoc } from './documents';
import type { History } from './history';

/**
 * Stories (collections) as they are, or are to be: the collections an
 * operation touched (null: it does not exist) and which story each document
 * it touched is in. Undo puts the "before" state back, redo the "after".
 */
export interface StoriesSnapshot {
  kind: 'stories';
  collections: Array<{ id: number; row: CollectionRow | null }>;
  members: Array<{ docId: number; collectionId: number | null }>;
}

/** Puts the collections `to` holds (inserted with their ids, or renamed) and every document in its story. */
export function putStories(db: Db, to: StoriesSnapshot): void {
  for (const c of to.collections) if (c.row) putCollection(db, c.row);
  for (const m of to.members) setDocumentCollection(db, m.docId, m.collectionId);
}

/** Deletes the collections `to` says do not exist (their documents were moved by putStories first). */
export function dropStories(db: Db, to: StoriesSnapshot): void {
  for (const c of to.collections) if (!c.row) deleteCollection(db, c.id);
}

const MAX_STORY_NAME = 200;

function storyName(name: unknown): string {
  const text = String(name ?? '').replace(/\s+/g, ' ').trim();
  if (!text) throw new TandemError('invalid-input', 'Give the story a name.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new TandemError('invalid-input', 'A story name cannot hold control characters.');
  if ([...text].length > MAX_STORY_NAME) throw new TandemError('invalid-input', `A story name can have at most ${MAX_STORY_NAME} characters.`);
  return text;
}

/** Creating, renaming, deleting stories and moving articles between them; each is one undo step. */
export class StoryEditor {
  constructor(
    private readonly db: Db,
    private readonly history: History,
  ) {}

  list(): StorySummary[] {
    return listStoryRows(this.db).map((r) => ({ name: r.name, articles: r.articles, languages: r.languages ? r.languages.split(',') : [] }));
  }

  private existing(name: string): CollectionRow {
    const row = getCollectionByName(this.db, storyName(name));
    if (!row) throw new TandemError('not-found', `There is no story "${storyName(name)}".`);
    return row;
  }

  /**
   * One story edit as one write transaction: `plan` reads what the edit
   * touches (inside the transaction, so what it reads is what it changes, and
   * a retry after another program's write reads again), `change` makes it,
   * and the change between the two snapshots is recorded as one undo step.
   */
  private edit(plan: () => { description: string; before: StoriesSnapshot; change: () => number[] | void }): StoryEditResult {
    return writeTransaction(this.db, () => {
      const { description, before, change } = plan();
      // A collection the change makes did not exist before it: undo takes it away again.
      const made = change() ?? [];
      const collections = [...before.collections, ...made.map((id) => ({ id, row: null }))];
      const after: StoriesSnapshot = {
        kind: 'stories',
        collections: collections.map((c) => ({ id: c.id, row: getCollection(this.db, c.id) ?? null })),
        members: membership(this.db, before.members.map((m) => m.docId)),
      };
      const seq = this.history.record('stories', description, [{ ...before, collections }], [after]);
      return { stories: this.list(), description, ...this.history.state(), seq };
    });
  }

  create(name: string): StoryEditResult {
    const text = storyName(name);
    return this.edit(() => {
      if (getCollectionByName(this.db, text)) throw new TandemError('conflict', `A story called "${text}" exists already.`);
      return { description: `new story "${text}"`, before: { kind: 'stories', collections: [], members: [] }, change: () => [insertCollection(this.db, text, now())] };
    });
  }

  rename(name: string, to: string, opts: { merge?: boolean } = {}): StoryEditResult {
    const target = storyName(to);
    if (target === storyName(name)) return { stories: this.list(), description: 'no change', ...this.history.state(), seq: null };
    return this.edit(() => {
      const from = this.existing(name);
      const other = getCollectionByName(this.db, target);
      if (other && !opts.merge) {
        throw new TandemError('conflict', `A story called "${target}" exists already; renaming "${from.name}" to it would join the two stories.`, { merge: true });
      }
      const docs = documentsInCollection(this.db, from.id);
      return {
        description: other ? `story "${from.name}" joined with "${target}"` : `story "${from.name}" renamed "${target}"`,
        before: {
          kind: 'stories',
          collections: other ? [{ id: from.id, row: from }, { id: other.id, row: other }] : [{ id: from.id, row: from }],
          members: membership(this.db, docs),
        },
        change: () => {
          if (other) {
            for (const d of docs) setDocumentCollection(this.db, d, other.id);
            deleteCollection(this.db, from.id);
          } else putCollection(this.db, { ...from, name: target });
        },
      };
    });
  }

  remove(name: string): StoryEditResult {
    return this.edit(() => {
      const row = this.existing(name);
      const docs = documentsInCollection(this.db, row.id);
      const articles = docs.filter((d) => getDocumentSummary(this.db, d)?.translationOf === null).length;
      return {
        description: `story "${row.name}" deleted (${articles} article${articles === 1 ? '' : 's'} kept, in no story)`,
        before: { kind: 'stories', collections: [{ id: row.id, row }], members: membership(this.db, docs) },
        change: () => {
          for (const d of docs) setDocumentCollection(this.db, d, null);
          deleteCollection(this.db, row.id);
        },
      };
    });
  }

  /** Moves originals (a translation stands for its original) with their translations into a story; null takes them out of every story. */
  move(refs: DocRef[], story: string | null): StoryEditResult {
    if (!Array.isArray(refs) || !refs.length) throw new TandemError('invalid-input', 'Choose the articles to move.');
    const target = story === null || story === undefined ? null : storyName(story);
    return this.edit(() => {
      const originals = [...new Set(refs.map((r) => {
        const id = resolveDoc(this.db, r);
        return getDocumentSummary(this.db, id)!.translationOf ?? id;
      }))];
      const docs = originals.flatMap((id) => withTranslations(this.db, id));
      const existing = target === null ? null : getCollectionByName(this.db, target) ?? null;
      const ids = new Set<number>();
      for (const m of membership(this.db, docs)) if (m.collectionId !== null) ids.add(m.collectionId);
      if (existing) ids.add(existing.id);
      const label = originals.length === 1 ? `"${getDocumentSummary(this.db, originals[0])!.title}"` : `${originals.length} articles`;
      return {
        description: target === null ? `${label} taken out of ${originals.length === 1 ? 'its story' : 'their stories'}` : `${label} moved to story "${target}"`,
        before: { kind: 'stories', collections: [...ids].map((id) => ({ id, row: getCollection(this.db, id)! })), members: membership(this.db, docs) },
        change: () => {
          const made = target !== null && !existing ? insertCollection(this.db, target, now()) : null;
          const collectionId = target === null ? null : existing?.id ?? made;
          for (const d of docs) setDocumentCollection(this.db, d, collectionId);
          return made === null ? [] : [made];
        },
      };
    });
  }
}
