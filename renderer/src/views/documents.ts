import type { DeletionImpact, StorySummary } from '../../../common/api';
import type { DocumentSummary } from '../../../common/types';
import type { App } from '../app';
import { confirmDialog, field, fmtInt, formDialog, h, textDialog, toast } from '../ui';

/** Same rule as the server: two or three letters, then optional subtags (nb, en, pt-BR). */
const LANGUAGE_CODE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

function plural(n: number, noun: string): string {
  return `${fmtInt(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** "¶4, ¶7" for people, from 0-based paragraph indices. */
function paragraphList(ps: number[]): string {
  const shown = ps.slice(0, 6).map((p) => `¶${p + 1}`).join(', ');
  return ps.length > 6 ? `${shown} and ${ps.length - 6} more` : shown;
}

/** Paragraphs in other languages, as people read it: "en in ¶4; de in ¶7". */
export function mixedLanguages(d: DocumentSummary): string | null {
  if (!d.otherLanguages.length) return null;
  return d.otherLanguages.map((o) => `${o.lang} in ${paragraphList(o.paragraphs)}`).join('; ');
}

/**
 * The language cell of the document table: the code and how sure the
 * identification was; for an unsure one the marker, and what DeepL detected
 * with a button that takes it; paragraphs in other languages below.
 */
export function languageCell(app: App, d: DocumentSummary): HTMLElement {
  const pct = Math.round(d.langConfidence * 100);
  const cell = h('div', { class: 'lang-cell' },
    h('span', { class: 'lang' }, d.lang),
    d.langUnsure
      ? h('span', { class: 'pill pill-warn unsure', title: `Identified as ${d.lang} with ${pct}% confidence: check it. Until it is set, DeepL is left to detect the language.`, dataset: { unsure: '1' } }, `unsure (${d.lang}?)`)
      : h('span', { class: 'muted small', title: d.langConfidence >= 1 ? 'Set by a person, or given at import' : `Identified with ${pct}% confidence` }, ` ${pct}%`),
  );
  if (d.langUnsure && d.mtDetectedLang) {
    const accept = h('button', { class: 'link accept-lang', dataset: { op: 'accept-lang' }, title: `Set the language of “${d.title}” to ${d.mtDetectedLang}, as DeepL detected it (Ctrl+Z undoes)`, 'aria-label': `Accept ${d.mtDetectedLang}, the language DeepL detected for “${d.title}”` }, 'Accept');
    accept.addEventListener('click', () => void acceptDetected(app, d));
    cell.append(h('div', { class: 'deepl-says small' }, `DeepL says: `, h('b', null, d.mtDetectedLang), ' ', accept));
  }
  const mixed = mixedLanguages(d);
  if (mixed) cell.append(h('div', { class: 'mixed small warn-text', title: `Paragraphs identified in another language than the document (quotes, captions): ${mixed}`, dataset: { mixed: '1' } }, `mixed: ${mixed}`));
  return cell;
}

export async function acceptDetected(app: App, d: DocumentSummary): Promise<void> {
  const done = await app.mutate('Accepting the language', () => app.api.acceptDetectedLanguage(d.id));
  if (!done) return;
  app.ok();
  await Promise.all([app.refreshDocs(), app.refreshInfo().catch(() => undefined)]);
  toast(`“${done.title}” is in ${done.lang} now (Ctrl+Z undoes).`, 'ok');
}

/** F2 on a document: its title only. */
export async function renameDocument(app: App, d: DocumentSummary): Promise<void> {
  const title = await textDialog({ title: 'Rename document', label: 'Title', value: d.title, confirmLabel: 'Rename', required: 'A title cannot be empty.', hint: 'What the document is called in every view; the text itself never changes. Ctrl+Z undoes.' });
  if (!title || title === d.title) return;
  const done = await app.mutate('Renaming the document', () => app.api.setTitle(d.id, title));
  if (!done) return;
  app.ok();
  await Promise.all([app.refreshDocs(), app.refreshInfo().catch(() => undefined)]);
  toast(`Renamed to “${done.title}”.`, 'ok');
}

interface DocumentChoice {
  title: string;
  lang: string;
  story: string | null;
  newStory: string | null;
}

const NO_STORY = '\u0000none';
const NEW_STORY = '\u0000new';

/**
 * The document dialog: title, language (with what the identification and
 * DeepL said), and story for an original; deleting from there. Each change
 * saved is its own undo step.
 */
export async function editDocument(app: App, d: DocumentSummary): Promise<void> {
  const isOriginal = d.translationOf === null;
  const stories = isOriginal ? await app.attempt('Loading the stories', () => app.api.listStories()) : [];
  if (stories === undefined) return;
  const title = h('input', { type: 'text', value: d.title, autocomplete: 'off', spellcheck: false });
  const lang = h('input', { type: 'text', value: d.lang, autocomplete: 'off', spellcheck: false, size: 8, class: 'lang-input' });
  const pct = Math.round(d.langConfidence * 100);
  const langHint = d.langUnsure
    ? `Unsure: identified as ${d.lang} with ${pct}% confidence.${d.mtDetectedLang ? ` DeepL says ${d.mtDetectedLang}.` : ' Translating it lets DeepL detect it.'}`
    : d.langConfidence >= 1 ? 'Set by a person, or given at import.' : `Identified with ${pct}% confidence.`;
  const takeDetected = d.mtDetectedLang && d.mtDetectedLang !== d.lang
    ? h('button', { type: 'button', class: 'tb', dataset: { op: 'use-detected' }, onclick: () => { lang.value = d.mtDetectedLang!; lang.focus(); } }, `Use ${d.mtDetectedLang} (DeepL)`)
    : null;
  // An unsure language that is right after all is confirmed as it stands.
  const sure = h('input', { type: 'checkbox', id: 'doc-lang-sure' });
  const sureRow = d.langUnsure ? h('label', { class: 'small check', for: 'doc-lang-sure' }, sure, ' the language is right: no longer unsure') : null;
  const story = h('select', null,
    h('option', { value: NO_STORY }, '(no story)'),
    (stories as StorySummary[]).map((s) => h('option', { value: s.name, selected: s.name === d.collection }, `${s.name} (${plural(s.articles, 'article')})`)),
    h('option', { value: NEW_STORY }, 'New story…'));
  if (d.collection === null) story.value = NO_STORY;
  const newStory = h('input', { type: 'text', placeholder: 'name of the new story', autocomplete: 'off', hidden: true, 'aria-label': 'New story' });
  story.addEventListener('change', () => {
    newStory.hidden = story.value !== NEW_STORY;
    if (!newStory.hidden) newStory.focus();
  });
  const mixed = mixedLanguages(d);
  const deleteBtn = h('button', { type: 'button', class: 'bad', dataset: { op: 'delete-document' } }, isOriginal && d.translations.length ? `Delete with ${plural(d.translations.length, 'translation')}…` : 'Delete…');
  let deleting = false;
  const body = [
    field({ label: 'Title', control: title }),
    h('div', { class: 'field' },
      h('label', { for: 'doc-lang' }, 'Language'),
      h('div', { class: 'row tight' }, lang, takeDetected),
      h('div', { class: `field-hint small ${d.langUnsure ? 'warn-text' : 'muted'}` }, langHint),
      sureRow,
      mixed ? h('div', { class: 'field-hint small warn-text' }, `Paragraphs in other languages: ${mixed}.`) : null),
    isOriginal ? h('div', { class: 'field' }, h('label', { for: 'doc-story' }, 'Story'), story, newStory, h('div', { class: 'field-hint muted small' }, 'Its translations go with it. The articles of a story are aligned pair by pair.')) : h('div', { class: 'muted small' }, `A translation of ${app.docLabel(d.translationOf!)}; it is in its original’s story.`),
    h('div', { class: 'row danger-zone' }, deleteBtn, h('span', { class: 'muted small' }, 'with its alignments, links and mentions; Ctrl+Z brings it back')),
  ];
  lang.id = 'doc-lang';
  story.id = 'doc-story';
  const dlgPromise = formDialog<DocumentChoice>({
    title: isOriginal ? 'Document' : 'Translation',
    className: 'document-dialog',
    body,
    confirmLabel: 'Save',
    initialFocus: title,
    submit: () => {
      const t = title.value.replace(/\s+/g, ' ').trim();
      if (!t) {
        title.setAttribute('aria-invalid', 'true');
        return { error: 'A title cannot be empty.', focus: title };
      }
      const l = lang.value.trim();
      if (!LANGUAGE_CODE.test(l)) {
        lang.setAttribute('aria-invalid', 'true');
        return { error: `"${l}" is not a language code such as nb, en or pt-BR.`, focus: lang };
      }
      let target: string | null = story.value === NO_STORY ? null : story.value;
      let created: string | null = null;
      if (isOriginal && story.value === NEW_STORY) {
        created = newStory.value.replace(/\s+/g, ' ').trim();
        if (!created) {
          newStory.setAttribute('aria-invalid', 'true');
          return { error: 'Name the new story.', focus: newStory };
        }
        target = created;
      }
      return { value: { title: t, lang: l, story: isOriginal ? target : d.collection, newStory: created } };
    },
  });
  deleteBtn.addEventListener('click', () => {
    deleting = true;
    // Closing the dialog resolves it as cancelled; the deletion asks on its own.
    (deleteBtn.closest('.modal-back')?.querySelector('[data-dialog=cancel]') as HTMLButtonElement | null)?.click();
  });
  const choice = await dlgPromise;
  if (deleting) {
    await deleteDocumentConfirmed(app, d);
    return;
  }
  if (!choice) return;
  const changes: string[] = [];
  if (choice.title !== d.title) {
    if (!(await app.mutate('Renaming the document', () => app.api.setTitle(d.id, choice.title)))) return;
    changes.push('title');
  }
  if (choice.lang !== d.lang || (d.langUnsure && sure.checked)) {
    if (!(await app.mutate('Setting the language', () => app.api.setLanguage(d.id, choice.lang)))) return;
    changes.push('language');
  }
  if (isOriginal && choice.story !== d.collection) {
    if (!(await app.mutate('Moving to the story', () => app.api.moveToStory([d.id], choice.story), (r) => r.seq))) return;
    changes.push('story');
  }
  if (!changes.length) return;
  app.ok();
  await Promise.all([app.refreshDocs(), app.refreshInfo().catch(() => undefined)]);
  toast(`Saved the ${changes.join(', ')} of “${choice.title}” (Ctrl+Z undoes each).`, 'ok');
}

/** What a deletion takes with it, said in a sentence. */
export function describeImpact(impact: DeletionImpact): string {
  const [main, ...translations] = impact.documents;
  const parts: string[] = [];
  if (impact.alignments) parts.push(`${plural(impact.alignments, 'alignment')} with ${plural(impact.links, 'link')}${impact.confirmedLinks ? ` (${fmtInt(impact.confirmedLinks)} confirmed)` : ''}`);
  if (impact.mentions) parts.push(`${plural(impact.mentions, 'mention')} of ${plural(impact.facts, 'fact')}${impact.factsEmptied ? ` (${fmtInt(impact.factsEmptied)} left with none; the facts stay)` : ''}`);
  if (impact.postEdits) parts.push(`${plural(impact.postEdits, 'post-edited paragraph')}`);
  const what = translations.length ? `“${main.title}” (${main.lang}) and its ${plural(translations.length, 'translation')} (${translations.map((t) => t.lang).join(', ')})` : `“${main.title}” (${main.lang})`;
  return `Delete ${what}?${parts.length ? ` This also removes ${parts.join(', ')}.` : ''} Ctrl+Z brings all of it back.`;
}

/**
 * Deleting asks first, saying what goes with the document; the deletion is
 * then one step that Ctrl+Z takes back whole.
 */
export async function deleteDocumentConfirmed(app: App, d: DocumentSummary): Promise<boolean> {
  const impact = await app.attempt('Deleting the document', () => app.api.deletionImpact(d.id));
  if (!impact) return false;
  const ok = await confirmDialog({ title: impact.documents.length > 1 ? 'Delete document and translations' : 'Delete document', message: describeImpact(impact), confirmLabel: 'Delete', danger: true });
  if (!ok) return false;
  const done = await app.mutate('Deleting the document', () => app.api.deleteDocument(d.id), (r) => r.seq);
  if (!done) return false;
  app.ok();
  app.setHistoryState(done);
  await Promise.all([app.refreshDocs(), app.refreshFacts(), app.refreshInfo()]);
  for (const v of app.views.values()) {
    // A view that shows a deleted document has nothing to read again; it is left until another is opened (or Ctrl+Z).
    const shown = (v as { exportDefaults?(): { pair?: [number, number] } }).exportDefaults?.().pair;
    if (shown && shown.some((id) => done.deleted.includes(id))) continue;
    v.changed?.('all');
  }
  toast(`Deleted “${d.title}”${done.deleted.length > 1 ? ` with ${plural(done.deleted.length - 1, 'translation')}` : ''}. Ctrl+Z brings it back.`, 'ok');
  return true;
}

/** After a change to stories: the document table and the story lists read again. */
async function storiesChanged(app: App, message: string): Promise<void> {
  app.ok();
  await Promise.all([app.refreshDocs(), app.refreshInfo().catch(() => undefined)]);
  toast(message, 'ok');
}

export async function newStory(app: App): Promise<string | null> {
  const name = await textDialog({ title: 'New story', label: 'Name', confirmLabel: 'Create', required: 'Give the story a name.', hint: 'A story groups the articles that report one event; then move articles into it.' });
  if (!name) return null;
  const done = await app.mutate('Creating the story', () => app.api.createStory(name), (r) => r.seq);
  if (!done) return null;
  await storiesChanged(app, `Created the story “${name}”. Tick articles and move them into it.`);
  return name;
}

export async function renameStory(app: App, name: string): Promise<void> {
  const to = await textDialog({ title: 'Rename story', label: 'Name', value: name, confirmLabel: 'Rename', required: 'Give the story a name.' });
  if (!to || to === name) return;
  const taken = app.stories.some((s) => s.name === to);
  if (taken && !(await confirmDialog({ title: 'Join stories', message: `There is a story called “${to}” already. Join “${name}” with it? Its articles move there; Ctrl+Z separates them again.`, confirmLabel: 'Join' }))) return;
  const done = await app.mutate('Renaming the story', () => app.api.renameStory(name, to, { merge: taken }), (r) => r.seq);
  if (done) await storiesChanged(app, taken ? `Joined “${name}” with “${to}”.` : `Renamed the story to “${to}”.`);
}

export async function deleteStory(app: App, s: StorySummary): Promise<void> {
  const ok = await confirmDialog({
    title: 'Delete story',
    message: s.articles ? `Delete the story “${s.name}”? Its ${plural(s.articles, 'article')} stay in the project, in no story, with their alignments. Ctrl+Z undoes.` : `Delete the empty story “${s.name}”?`,
    confirmLabel: 'Delete story',
    danger: true,
  });
  if (!ok) return;
  const done = await app.mutate('Deleting the story', () => app.api.deleteStory(s.name), (r) => r.seq);
  if (done) await storiesChanged(app, `Deleted the story “${s.name}”.`);
}

/** Moves originals (their translations go with them) into a story, or out of every story. */
export async function moveToStory(app: App, docIds: number[], story: string | null): Promise<boolean> {
  const done = await app.mutate('Moving articles', () => app.api.moveToStory(docIds, story), (r) => r.seq);
  if (!done) return false;
  await storiesChanged(app, `${docIds.length === 1 ? `“${app.doc(docIds[0])?.title ?? ''}”` : plural(docIds.length, 'article')} ${story === null ? 'taken out of every story' : `moved to “${story}”`}. Ctrl+Z undoes.`);
  return true;
}
