/**
 * Every command a person can give with a key or a menu, in one table. It
 * drives the renderer's key handlers, the help overlay (?), the README's key
 * table (scripts/readme-keys.ts) and the Electron menu (main/menu.ts). Plain
 * data: main, the renderer and the tests all read it.
 *
 * To add a command: add a row here, then register its handler where it acts
 * (renderer: `commands.register(id, handler)` in the view that owns it; main:
 * MAIN_ACTIONS in main/menu.ts for rows with `runsIn: 'main'`), and run
 * `npx tsx scripts/readme-keys.ts` to refresh the README.
 */
import { formatKey } from './keys';

/** Where a command acts: everywhere, or in one view. */
export type CommandScope = 'global' | 'project' | 'alignment' | 'facts' | 'search' | 'postedit' | 'storymap';

export type MenuName = 'File' | 'Edit' | 'View' | 'Alignment' | 'Help';

export interface CommandSpec {
  /** Stable id: menus send it, views register a handler under it. */
  id: string;
  /** Short name, as a menu item shows it. */
  label: string;
  /** What it does, for the help overlay and the README. */
  help: string;
  scope: CommandScope;
  /** Keys in the notation of common/keys.ts; the first is the one menus show. */
  keys: readonly string[];
  /** Also while typing in a text field or an editable pane (otherwise the field keeps the key). */
  whileTyping?: boolean;
  /** A menu entry: which menu, and which group of it (groups are separated by a line). */
  menu?: { name: MenuName; group: number };
  /** Runs in the Electron main process (file dialogs); the browser has no such command. */
  runsIn?: 'main';
}

/**
 * Interactions that a widget handles itself (a click, a list's arrows, a
 * dialog's Enter): listed in the help and the README beside the commands, never
 * dispatched from the table.
 */
export interface KeyHint {
  /** The keys as people read them. */
  keys: string;
  help: string;
  scope: CommandScope;
}

export const COMMANDS = [
  // Everywhere
  { id: 'view.project', label: 'Project', help: 'Project view: documents, import, machine translation', scope: 'global', keys: ['Mod+1'], whileTyping: true, menu: { name: 'View', group: 1 } },
  { id: 'view.alignment', label: 'Alignment', help: 'Alignment view', scope: 'global', keys: ['Mod+2'], whileTyping: true, menu: { name: 'View', group: 1 } },
  { id: 'view.facts', label: 'Facts', help: 'Facts view', scope: 'global', keys: ['Mod+3'], whileTyping: true, menu: { name: 'View', group: 1 } },
  { id: 'view.search', label: 'Search', help: 'Search view', scope: 'global', keys: ['Mod+4'], whileTyping: true, menu: { name: 'View', group: 1 } },
  { id: 'view.postedit', label: 'Post-editing', help: 'Post-editing view', scope: 'global', keys: ['Mod+5'], whileTyping: true, menu: { name: 'View', group: 1 } },
  { id: 'view.storymap', label: 'Story Map', help: 'Story map: the articles of a story side by side, with the links between them', scope: 'global', keys: ['Mod+6'], whileTyping: true, menu: { name: 'View', group: 1 } },
  { id: 'file.new', label: 'New Project…', help: 'Create a project (desktop app)', scope: 'global', keys: ['Mod+N'], runsIn: 'main', menu: { name: 'File', group: 1 } },
  { id: 'file.open', label: 'Open Project…', help: 'Open a project (desktop app)', scope: 'global', keys: ['Mod+O'], runsIn: 'main', menu: { name: 'File', group: 1 } },
  { id: 'file.import', label: 'Import Articles…', help: 'Import articles from files (desktop app)', scope: 'global', keys: ['Mod+I'], runsIn: 'main', menu: { name: 'File', group: 2 } },
  { id: 'file.importTranslation', label: 'Import Translation…', help: 'Attach an existing translation to an original', scope: 'global', keys: [], menu: { name: 'File', group: 2 } },
  { id: 'file.export', label: 'Export…', help: 'Export dialog', scope: 'global', keys: ['Mod+E'], whileTyping: true, menu: { name: 'File', group: 2 } },
  { id: 'edit.undo', label: 'Undo', help: 'Undo the last change (links, edits, facts; persisted)', scope: 'global', keys: ['Mod+Z'], menu: { name: 'Edit', group: 1 } },
  { id: 'edit.redo', label: 'Redo', help: 'Redo', scope: 'global', keys: ['Mod+Shift+Z', 'Mod+Y'], menu: { name: 'Edit', group: 1 } },
  { id: 'edit.find', label: 'Find', help: 'Search every document', scope: 'global', keys: ['Mod+F'], whileTyping: true, menu: { name: 'Edit', group: 3 } },
  { id: 'facts.attach', label: 'Attach to Fact…', help: 'Attach the selected text to a fact (picker: type to filter, Enter attaches, Esc cancels)', scope: 'global', keys: ['F'], menu: { name: 'Edit', group: 4 } },
  { id: 'help.keys', label: 'Keyboard Shortcuts', help: 'This help', scope: 'global', keys: ['?'], menu: { name: 'Help', group: 1 } },

  // Alignment
  { id: 'align.confirm', label: 'Confirm Link', help: 'Confirm the current link, go to the next unconfirmed', scope: 'alignment', keys: ['Enter', 'C'], menu: { name: 'Alignment', group: 1 } },
  { id: 'align.reject', label: 'Reject Link', help: 'Reject the current link', scope: 'alignment', keys: ['R', 'Delete'], menu: { name: 'Alignment', group: 1 } },
  { id: 'align.merge', label: 'Merge with Next Link', help: 'Merge the current link with the next one', scope: 'alignment', keys: ['M'], menu: { name: 'Alignment', group: 2 } },
  { id: 'align.split', label: 'Split Link', help: 'Split an n:m link into 1:1 links', scope: 'alignment', keys: ['S'], menu: { name: 'Alignment', group: 2 } },
  { id: 'align.boundaryDown', label: 'Move Boundary Down', help: 'Move the boundary under the current link down: the link takes in the next segment (focused side)', scope: 'alignment', keys: ['Alt+ArrowDown'], menu: { name: 'Alignment', group: 2 } },
  { id: 'align.boundaryUp', label: 'Move Boundary Up', help: 'Move the boundary under the current link up: its last segment goes to the next link (focused side)', scope: 'alignment', keys: ['Alt+ArrowUp'], menu: { name: 'Alignment', group: 2 } },
  { id: 'align.switchSide', label: 'Switch Side', help: 'Switch the focused side (A ⇄ B); clicking a pane also focuses it', scope: 'alignment', keys: ['Tab'] },
  { id: 'align.link', label: 'Link Selected Segments', help: 'Link the selected segments of both panes (n:m)', scope: 'alignment', keys: ['L'], menu: { name: 'Alignment', group: 3 } },
  { id: 'align.unlink', label: 'Unlink', help: 'Unlink the current link', scope: 'alignment', keys: ['U'], menu: { name: 'Alignment', group: 3 } },
  { id: 'align.clearSelection', label: 'Clear Selection', help: 'Clear the selected segments', scope: 'alignment', keys: ['Escape'] },
  { id: 'align.nextUnconfirmed', label: 'Next Unconfirmed Link', help: 'Next unconfirmed link', scope: 'alignment', keys: ['N'], menu: { name: 'Alignment', group: 4 } },
  { id: 'align.prevUnconfirmed', label: 'Previous Unconfirmed Link', help: 'Previous unconfirmed link', scope: 'alignment', keys: ['P'], menu: { name: 'Alignment', group: 4 } },
  { id: 'align.nextIrregular', label: 'Next Link That Is Not 1:1', help: 'Next link that is not 1:1', scope: 'alignment', keys: ['Shift+N'], menu: { name: 'Alignment', group: 4 } },
  { id: 'align.prevIrregular', label: 'Previous Link That Is Not 1:1', help: 'Previous link that is not 1:1', scope: 'alignment', keys: ['Shift+P'], menu: { name: 'Alignment', group: 4 } },
  { id: 'align.nextLink', label: 'Next Link', help: 'Next link', scope: 'alignment', keys: ['ArrowDown', 'J'] },
  { id: 'align.prevLink', label: 'Previous Link', help: 'Previous link', scope: 'alignment', keys: ['ArrowUp', 'K'] },
  { id: 'align.realign', label: 'Re-align Suggestions', help: 'Re-align the suggestions between confirmed anchors', scope: 'alignment', keys: ['A'], menu: { name: 'Alignment', group: 5 } },
  { id: 'align.translations', label: 'Show Translations Beside Originals', help: 'Show / hide the English translation beside each original (read-only, rows kept level; clicking a translation paragraph selects its original)', scope: 'alignment', keys: ['T'], menu: { name: 'Alignment', group: 5 } },
  { id: 'align.prevPair', label: 'Previous Pair of the Story', help: 'Previous pair of the story (after Align all pairs)', scope: 'alignment', keys: ['['], menu: { name: 'Alignment', group: 6 } },
  { id: 'align.nextPair', label: 'Next Pair of the Story', help: 'Next pair of the story (after Align all pairs)', scope: 'alignment', keys: [']'], menu: { name: 'Alignment', group: 6 } },
  // Alignment: how many candidates a comparable alignment shows (remembered per alignment).
  { id: 'align.moreCandidates', label: 'More Candidate Links', help: 'Comparable alignments: show more candidate links (lowers the minimum confidence by 0.05; remembered)', scope: 'alignment', keys: ['='], menu: { name: 'Alignment', group: 7 } },
  { id: 'align.fewerCandidates', label: 'Fewer Candidate Links', help: 'Comparable alignments: show fewer candidate links (raises the minimum confidence by 0.05; remembered)', scope: 'alignment', keys: ['-'], menu: { name: 'Alignment', group: 7 } },
  // Alignment: fixing the segmentation at the caret (click in the text first); links follow, Ctrl+Z undoes.
  { id: 'align.splitSentence', label: 'Split Sentence Here', help: 'Split the sentence at the caret: a new sentence starts there', scope: 'alignment', keys: ['Shift+S'], menu: { name: 'Alignment', group: 8 } },
  { id: 'align.mergeSentences', label: 'Merge Sentence with Next', help: 'Merge the sentence at the caret (or under the current link) with the next one', scope: 'alignment', keys: ['Shift+M'], menu: { name: 'Alignment', group: 8 } },
  { id: 'align.splitParagraph', label: 'Split Paragraph Here', help: 'Split the paragraph at the caret: a new paragraph starts there', scope: 'alignment', keys: ['Shift+Enter'], menu: { name: 'Alignment', group: 8 } },
  { id: 'align.mergeParagraphs', label: 'Join Paragraph with Next', help: 'Join the paragraph at the caret (or under the current link) with the next one', scope: 'alignment', keys: ['Shift+J'], menu: { name: 'Alignment', group: 8 } },

  // Story map: a focused paragraph block, and one of its links.
  { id: 'storymap.down', label: 'Next Paragraph', help: 'Next paragraph of the article', scope: 'storymap', keys: ['ArrowDown', 'J'] },
  { id: 'storymap.up', label: 'Previous Paragraph', help: 'Previous paragraph of the article', scope: 'storymap', keys: ['ArrowUp', 'K'] },
  { id: 'storymap.right', label: 'Article to the Right', help: 'The article to the right (the paragraph linked with this one, or at the same height)', scope: 'storymap', keys: ['ArrowRight', 'L'] },
  { id: 'storymap.left', label: 'Article to the Left', help: 'The article to the left (the paragraph linked with this one, or at the same height)', scope: 'storymap', keys: ['ArrowLeft', 'H'] },
  { id: 'storymap.nextLink', label: 'Next Link of the Paragraph', help: 'Choose the next link of the paragraph', scope: 'storymap', keys: ['N'] },
  { id: 'storymap.prevLink', label: 'Previous Link of the Paragraph', help: 'Choose the previous link of the paragraph', scope: 'storymap', keys: ['P'] },
  { id: 'storymap.follow', label: 'Follow the Link', help: 'Go to the paragraph at the other end of the chosen link', scope: 'storymap', keys: ['G'] },
  { id: 'storymap.open', label: 'Open the Link', help: 'Open the chosen link in the alignment view, at that link', scope: 'storymap', keys: ['Enter', 'O'] },
  { id: 'storymap.toggleSuggested', label: 'Show Suggested Links', help: 'Show / hide suggested links (confirmed links stay)', scope: 'storymap', keys: ['S'] },

  // Post-editing: the editor has the focus, so these work while typing.
  { id: 'postedit.reviewedNext', label: 'Save as Reviewed, Next', help: 'Save the paragraph as reviewed and go to the next one', scope: 'postedit', keys: ['Mod+Enter'], whileTyping: true },
  { id: 'postedit.finalNext', label: 'Save as Final, Next', help: 'Save the paragraph as final and go to the next one', scope: 'postedit', keys: ['Mod+Shift+Enter'], whileTyping: true },
  { id: 'postedit.save', label: 'Save Paragraph', help: 'Save the paragraph, keeping its status', scope: 'postedit', keys: ['Mod+S'], whileTyping: true },
  { id: 'postedit.next', label: 'Next Paragraph', help: 'Next paragraph (saves first)', scope: 'postedit', keys: ['Alt+ArrowDown'], whileTyping: true },
  { id: 'postedit.prev', label: 'Previous Paragraph', help: 'Previous paragraph (saves first)', scope: 'postedit', keys: ['Alt+ArrowUp'], whileTyping: true },

  // Project: the document table (one tab stop; ↑ ↓ move between documents)
  { id: 'project.editDocument', label: 'Edit Document…', help: 'Open the focused document: title, language, story; delete it from there', scope: 'project', keys: ['Enter'] },
  { id: 'project.renameDocument', label: 'Rename Document…', help: 'Rename the focused document', scope: 'project', keys: ['F2'] },
  { id: 'project.deleteDocument', label: 'Delete Document…', help: 'Delete the focused document with its translations, links and mentions (asks first; Ctrl+Z brings it back)', scope: 'project', keys: ['Delete'] },

  // Facts
  { id: 'facts.rename', label: 'Rename Fact', help: 'Rename the fact (in the fact list, the focused one)', scope: 'facts', keys: ['F2'] },
  { id: 'facts.accept', label: 'Accept Suggestion', help: 'Accept the selected suggestion', scope: 'facts', keys: ['Y'] },
  { id: 'facts.reject', label: 'Reject Suggestion', help: 'Reject the selected suggestion', scope: 'facts', keys: ['X'] },
  { id: 'facts.nextSuggestion', label: 'Next Suggestion', help: 'Next suggestion', scope: 'facts', keys: ['ArrowDown'] },
  { id: 'facts.prevSuggestion', label: 'Previous Suggestion', help: 'Previous suggestion', scope: 'facts', keys: ['ArrowUp'] },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMANDS)[number]['id'];

export const KEY_HINTS: readonly KeyHint[] = [
  { keys: 'Esc', help: 'Close dialogs (cancel), clear the selection', scope: 'global' },
  { keys: 'Enter (in a dialog)', help: 'Confirm the dialog', scope: 'global' },
  { keys: 'Tab, Shift+Tab', help: 'Move between controls; the focused one is ringed', scope: 'global' },
  { keys: 'Click, Shift+click, Ctrl+click', help: 'Select a segment, a range, or toggle one (per pane); then L links', scope: 'alignment' },
  { keys: 'Ctrl+Z, Ctrl+Y (in the editor)', help: 'Undo or redo your typing; with nothing typed, undo or redo saved changes', scope: 'postedit' },
  { keys: '↓ ↑, Enter (fact list)', help: 'Move through the facts, open one', scope: 'facts' },
  { keys: 'Click a link, Click a block', help: 'Open that pair at that link; choose that paragraph', scope: 'storymap' },
  { keys: '↓ ↑, Home, End, Space (document table)', help: 'Move through the documents; Space checks one', scope: 'project' },
];

export function command(id: CommandId): CommandSpec {
  const c = (COMMANDS as readonly CommandSpec[]).find((x) => x.id === id);
  if (!c) throw new Error(`no command ${id}`);
  return c;
}

/** The keys of a command as people read them: "Enter or C". */
export function keysLabel(c: CommandSpec, joiner = ' or '): string {
  return c.keys.map(formatKey).join(joiner);
}

/** A button's tooltip from the table: "Confirm the current link, go to the next unconfirmed (Enter or C)". */
export function tooltip(id: CommandId): string {
  const c = command(id);
  return c.keys.length ? `${c.help} (${keysLabel(c)})` : c.help;
}

const SECTION_TITLES: Array<[CommandScope, string]> = [['global', 'Everywhere'], ['alignment', 'Alignment'], ['postedit', 'Post-editing'], ['facts', 'Facts'], ['storymap', 'Story map'], ['project', 'Project'], ['search', 'Search']];

export interface KeySection {
  title: string;
  rows: Array<{ keys: string; help: string; id?: CommandId }>;
}

/** The commands with keys and the hints, grouped as the help overlay and the README show them. */
export function keySections(): KeySection[] {
  const out: KeySection[] = [];
  for (const [scope, title] of SECTION_TITLES) {
    const rows: KeySection['rows'] = [];
    for (const c of COMMANDS as readonly CommandSpec[]) {
      if (c.scope === scope && c.keys.length) rows.push({ keys: keysLabel(c, ', '), help: c.help, id: c.id as CommandId });
    }
    for (const h of KEY_HINTS) if (h.scope === scope) rows.push({ keys: h.keys, help: h.help });
    if (rows.length) out.push({ title, rows });
  }
  return out;
}

/** The README's key table, as Markdown. */
export function keyTableMarkdown(): string {
  const lines = ['| Where | Key | Does |', '| --- | --- | --- |'];
  for (const s of keySections()) {
    s.rows.forEach((r, i) => lines.push(`| ${i === 0 ? s.title.toLowerCase() : ''} | ${r.keys.replace(/\|/g, '\\|')} | ${r.help.replace(/\|/g, '\\|')} |`));
  }
  return lines.join('\n');
}
