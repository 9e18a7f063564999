import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { DocRef, DocumentSummary } from '../../common/types';
import { getDocumentLabels, getDocumentSummary, setDocumentLabels, type DocumentLabels } from '../../db/queries/documents';
import { MAX_TITLE_CHARS } from '../text';
import type { History } from './history';
import { resolveDoc } from './documents';
import { writeTransaction } from '../../db/transaction';

const LANGUAGE_CODE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/**
 * Changes a person makes to what a document is called and which language it
 * is in. Each is one step in the undo log, so Ctrl+Z and `tandem undo` take it
 * back like any other edit.
 */
function change(db: Db, history: History, ref: DocRef, describe: (before: DocumentLabels, id: number) => string, patch: (before: DocumentLabels) => Partial<DocumentLabels>): DocumentSummary {
  const id = resolveDoc(db, ref);
  return writeTransaction(db, () => {
    const before = getDocumentLabels(db, id)!;
    const after = { ...before, ...patch(before) };
    if (after.title === before.title && after.lang === before.lang && after.langConfidence === before.langConfidence) return getDocumentSummary(db, id)!;
    setDocumentLabels(db, id, after);
    history.record('document', describe(before, id), [{ kind: 'document', docId: id, ...before }], [{ kind: 'document', docId: id, ...after }]);
    return getDocumentSummary(db, id)!;
  });
}

export function setDocumentLanguageUndoable(db: Db, history: History, ref: DocRef, lang: string): DocumentSummary {
  const code = String(lang ?? '').trim();
  if (!LANGUAGE_CODE.test(code)) throw new TandemError('invalid-input', `"${code}" is not a language code such as nb, en or pt-BR.`);
  return change(db, history, ref, (b, id) => `language of document ${id}: ${b.lang} → ${code}`, () => ({ lang: code, langConfidence: 1 }));
}

/** Takes the language the translation engine detected for a document whose language was unsure. */
export function acceptDetectedLanguage(db: Db, history: History, ref: DocRef): DocumentSummary {
  const id = resolveDoc(db, ref);
  const detected = getDocumentSummary(db, id)!.mtDetectedLang;
  if (!detected) {
    throw new TandemError('invalid-input', `Document ${id} has no language detected by the translation engine yet; translate it first, or set its language yourself.`);
  }
  return setDocumentLanguageUndoable(db, history, id, detected);
}

export function setDocumentTitle(db: Db, history: History, ref: DocRef, title: string): DocumentSummary {
  const text = String(title ?? '').replace(/\s+/g, ' ').trim();
  if (!text) throw new TandemError('invalid-input', 'A title cannot be empty.');
  if (text.length > MAX_TITLE_CHARS * 2) throw new TandemError('invalid-input', `A title can have at most ${MAX_TITLE_CHARS * 2} characters; this one has ${text.length}.`);
  return change(db, history, ref, (b, id) => `title of document ${id}: "${b.title}" → "${text}"`, () => ({ title: text }));
}
