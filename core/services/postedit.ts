import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { TandemError } from '../../common/errors';
import type { Paragraph, ParagraphStatus } from '../../common/types';
import { getParagraphById, setParagraphEdit } from '../../db/queries/documents';
import type { History } from './history';

const STATUSES: ParagraphStatus[] = ['initial', 'translated', 'reviewed', 'final'];

/** Stores a post-edit beside the raw text, which is never overwritten. */
export function saveParagraphEdit(db: Db, history: History, paragraphId: number, text: string | null, status: ParagraphStatus): Paragraph {
  if (!STATUSES.includes(status)) throw new TandemError('invalid-input', `A paragraph's status is one of ${STATUSES.join(', ')}.`);
  writeTransaction(db, () => {
    const before = getParagraphById(db, paragraphId);
    if (!before) throw new TandemError('not-found', `No paragraph ${paragraphId}.`);
    const edited = text === null || text === before.text ? null : String(text).normalize('NFC');
    setParagraphEdit(db, paragraphId, edited, status);
    history.record(
      'post-edit',
      `edit paragraph ${before.index + 1}`,
      [{ kind: 'paragraph', paragraphId, edited: before.edited, status: before.status }],
      [{ kind: 'paragraph', paragraphId, edited, status }],
    );
  });
  return getParagraphById(db, paragraphId)!;
}
