import type { MtStatus, TranslateSummary } from '../../../common/api';
import type { StorySummary } from '../../../common/api';
import type { DocumentSummary, ImportFileReport, ImportReport } from '../../../common/types';
import { App, type View } from '../app';
import { ApiError } from '../api';
import { JobProgress } from '../jobs';
import { clear, fileToBase64, fmtInt, h, toast } from '../ui';
import { deleteDocumentConfirmed, deleteStory, editDocument, languageCell, moveToStory, newStory, renameDocument, renameStory } from './documents';
import { openProjectsDialog } from './projects';

/** Files a folder may hold that import as articles; a saved page's asset folder is left out. */
const ARTICLE_FILE = /\.(txt|text|md|markdown|mdown|html?|xhtml|mhtml?|mht)$/i;
const SAVED_PAGE_ASSETS = /(^|\/)[^/]+_(files|filer|archivos|fichiers|Dateien|bestanden)\//i;

const TARGETS = ['EN-US', 'EN-GB', 'NB', 'DA', 'SV', 'DE', 'FR', 'ES', 'IT', 'NL', 'PL', 'PT-PT', 'PT-BR', 'UK', 'RU', 'AR', 'JA', 'ZH'];

/** Who the links and facts made here are recorded under; the built-in fallback name is said as such. */
export function annotatorLabel(name: string): HTMLElement {
  return name === DEFAULT_ANNOTATOR
    ? h('span', { class: 'annotator muted', title: 'Start Tandem with --annotator NAME (or TANDEM_ANNOTATOR=NAME) to record your work under your name' }, 'no annotator name set')
    : h('span', { class: 'annotator muted', title: 'Links and facts you make are recorded under this name' }, 'annotating as ', h('b', null, name));
}

function count(n: number, noun: string): string {
  return `${fmtInt(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** The name the app and tandem serve fall back to when none is given. */
const DEFAULT_ANNOTATOR = 'annotator';

export class ProjectPanel implements View {
  readonly id = 'project' as const;
  readonly title = 'Project';
  readonly el: HTMLElement;
  private table = h('div', { class: 'doc-table-wrap' });
  private importReport = h('div', { class: 'report' });
  private urlProgress = h('div', { class: 'muted small url-progress', role: 'status', 'aria-live': 'polite' });
  private trReport = h('div', { class: 'report' });
  private mtBox = h('div', { class: 'mt-status' });
  private progress: JobProgress;
  private importProgress: JobProgress;
  private selectionBar = h('div', { class: 'selection-bar', 'aria-live': 'polite' });
  private trResult = h('div', { class: 'report' });
  private originalPick = h('select', { title: 'The original this file translates', 'aria-label': 'The original this file translates' });
  private selected = new Set<number>();
  private summary = h('div', { class: 'proj-summary' });
  private mtCard!: HTMLElement;

  constructor(private readonly app: App) {
    const files = h('input', { type: 'file', multiple: true, accept: '.txt,.md,.html,.htm,.mhtml,.mht,text/plain,text/html', 'aria-label': 'Articles to import' });
    // A whole folder: the browser hands over every file in it, and the articles among them are imported.
    const folder = h('input', { type: 'file', multiple: true, webkitdirectory: true, 'aria-label': 'A folder of articles to import', class: 'folder-input', id: 'import-folder' });
    const folderNote = h('span', { class: 'muted small folder-note' });
    const story = h('input', { type: 'text', id: 'import-story', placeholder: 'e.g. flood-2024', 'aria-label': 'Story', title: 'The story (collection) the articles report; stories are aligned pair by pair' });
    const lang = h('input', { type: 'text', id: 'import-lang', placeholder: 'auto', size: 5, 'aria-label': 'Language', title: 'Leave empty to detect the language' });
    const paras = h('select', { title: 'How paragraphs are found', 'aria-label': 'How paragraphs are found' }, h('option', { value: 'auto' }, '¶ auto'), h('option', { value: 'blank-line' }, '¶ blank line'), h('option', { value: 'line' }, '¶ each line'));
    const captions = h('input', { type: 'checkbox', 'aria-label': 'Keep image captions of web pages' });
    const importOpts = () => ({ collection: story.value.trim() || undefined, lang: lang.value.trim() || undefined, paragraphs: paras.value as 'auto', captions: captions.checked || undefined });
    const importBtn = h('button', { class: 'primary', dataset: { op: 'import' } }, 'Import');
    this.importProgress = new JobProgress(app, ['import'], { stopHint: 'Stop after the file being read; the files imported so far are kept' });
    const chosen = (): Array<{ file: File; name: string }> => {
      const picked = [...(files.files ?? [])].map((f) => ({ file: f, name: f.name }));
      const inFolder = [...(folder.files ?? [])]
        .map((f) => ({ file: f, name: f.webkitRelativePath || f.name }))
        .filter((f) => ARTICLE_FILE.test(f.name) && !SAVED_PAGE_ASSETS.test(f.name) && !f.name.split('/').some((part) => part.startsWith('.')));
      return [...picked, ...inFolder];
    };
    folder.addEventListener('change', () => {
      const all = folder.files?.length ?? 0;
      const usable = chosen().length - (files.files?.length ?? 0);
      folderNote.textContent = all ? `${fmtInt(usable)} article file${usable === 1 ? '' : 's'} in the folder${all > usable ? ` (${fmtInt(all - usable)} other files left out)` : ''}` : '';
    });
    importBtn.addEventListener('click', async () => {
      const list = chosen();
      if (!list.length) {
        app.error(folder.files?.length ? 'The folder holds no articles (text, Markdown, HTML or MHTML files).' : 'Choose one or more files, or a folder, to import.');
        return;
      }
      importBtn.disabled = true;
      const bytes = list.reduce((n, f) => n + f.file.size, 0);
      this.importProgress.start(`Reading ${fmtInt(list.length)} file${list.length === 1 ? '' : 's'} (${(bytes / 1048576).toFixed(1)} MB)…`);
      try {
        const report = await app.mutate('Import', async () => {
          const uploads = await Promise.all(list.map(async (f) => ({ name: f.name, base64: await fileToBase64(f.file) })));
          return app.api.importArticles(uploads, importOpts());
        });
        if (report) {
          files.value = '';
          folder.value = '';
          folderNote.textContent = '';
          await this.imported(report);
        }
      } finally {
        importBtn.disabled = false;
        this.importProgress.finish(list.length < 2);
      }
    });

    // A web address, pasted or dropped: the page is fetched and its article imported.
    const url = h('input', { type: 'url', placeholder: 'Paste a web address (https://…)', title: 'One or more web addresses, separated by spaces', 'aria-label': 'Web address to import', spellcheck: false });
    const urlBtn = h('button', { dataset: { op: 'import-url' } }, 'Import from web');
    const importFromWeb = async (addresses: string[]) => {
      if (!addresses.length) {
        app.error('Paste the address of a web page (https://…).');
        url.focus();
        return;
      }
      urlBtn.disabled = true;
      clear(this.urlProgress, `Fetching ${addresses.length} page${addresses.length === 1 ? '' : 's'}…`);
      try {
        const report = await app.attempt('Import from web', () => app.api.importUrls(addresses, importOpts()));
        if (report) {
          url.value = '';
          await this.imported(report);
        }
      } finally {
        urlBtn.disabled = false;
        clear(this.urlProgress);
      }
    };
    const addressesIn = (text: string) => text.split(/\s+/).filter((t) => /^https?:\/\/\S+$/i.test(t));
    urlBtn.addEventListener('click', () => void importFromWeb(addressesIn(url.value)));
    url.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') void importFromWeb(addressesIn(url.value));
    });

    const trFile = h('input', { type: 'file', accept: '.txt,.md,.html,.htm', 'aria-label': 'Translation file' });
    const trLang = h('input', { type: 'text', id: 'tr-lang', placeholder: 'auto', size: 5, 'aria-label': 'Translation language', title: 'Leave empty to detect the language' });
    const trKind = h('select', { id: 'tr-kind', 'aria-label': 'Made by', title: 'Who made the translation' }, h('option', { value: 'human' }, 'a person'), h('option', { value: 'mt' }, 'machine translation'));
    const trProvider = h('input', { type: 'text', id: 'tr-provider', placeholder: 'optional', 'aria-label': 'Provider', title: 'The translator, or the engine (e.g. deepl)' });
    trKind.addEventListener('change', () => (trProvider.placeholder = trKind.value === 'mt' ? 'e.g. deepl' : 'optional'));
    const trBtn = h('button', { dataset: { op: 'import-translation' } }, 'Import translation');
    trBtn.addEventListener('click', async () => {
      const f = trFile.files?.[0];
      const of = Number(this.originalPick.value);
      if (!f || !of) {
        app.error('Choose the original and a translation file.');
        return;
      }
      const report = await app.attempt('Import translation', async () =>
        app.api.importTranslation(of, { name: f.name, base64: await fileToBase64(f) }, { lang: trLang.value.trim() || undefined, provider: trProvider.value.trim() || undefined, kind: trKind.value as 'human' | 'mt' }),
      );
      if (report) {
        this.showReport(this.trReport, [report]);
        trFile.value = '';
        await app.refreshDocs();
      }
    });

    const key = h('input', { type: 'password', placeholder: 'DeepL API key', autocomplete: 'off', 'aria-label': 'DeepL API key', spellcheck: false });
    const keyBtn = h('button', null, 'Save key');
    keyBtn.addEventListener('click', async () => {
      const value = key.value.trim();
      if (!value) return;
      const status = await app.attempt('Saving the key', () => app.api.setMtKey(value));
      // The key is never shown again, not even masked.
      key.value = '';
      if (status) {
        this.showMt(status);
        toast('Key saved.', 'ok');
      }
    });
    const target = h('select', { 'aria-label': 'Target language' }, TARGETS.map((t) => h('option', { value: t }, t)));
    const scope = h('select', { 'aria-label': 'Which documents' }, h('option', { value: 'selected' }, 'checked originals'), h('option', { value: 'all' }, 'all originals'));
    const runTranslate = async (dryRun: boolean) => {
      const docs = scope.value === 'all' ? undefined : [...this.selected];
      if (docs && !docs.length) {
        app.error('Tick the originals to translate in the table, or choose "all originals".');
        return;
      }
      this.progress.start(dryRun ? 'Estimating…' : 'Starting the translation…');
      clear(this.trResult);
      let result: TranslateSummary;
      try {
        result = await app.echoes.around(() => app.api.translate({ docs, to: target.value, dryRun }));
      } catch (err) {
        this.progress.finish(true);
        // Without a key, say where the key goes from here, not which view to open.
        const message = err instanceof ApiError && err.kind === 'mt-auth'
          ? app.conn.transport === 'electron' ? 'No DeepL API key yet: enter it in the field above and press Save key.' : 'No DeepL API key: start tandem serve with DEEPL_AUTH_KEY set (the browser never holds the key).'
          : (err as Error).message;
        app.error(`${dryRun ? 'Estimate' : 'Translate'}: ${message}`, { what: dryRun ? 'Estimate' : 'Translate' });
        if (err instanceof ApiError && err.kind === 'mt-auth' && app.conn.transport === 'electron') key.focus();
        return;
      }
      app.ok();
      this.progress.finish(dryRun || result.jobId === null);
      this.showTranslate(result, dryRun);
      if (!dryRun) await app.refreshDocs();
      void this.refreshMt();
    };
    const trGo = h('button', { class: 'primary', onclick: () => void runTranslate(false), dataset: { op: 'translate' } }, 'Translate');
    this.progress = new JobProgress(app, ['translate'], { stopHint: 'Stop after the requests under way; what is translated is kept and cached, and Translate goes on from there' });
    this.mtCard = h('div', { class: 'card mt-card' });
    app.prepareTranslate = (docIds) => {
      for (const id of docIds) this.selected.add(id);
      scope.value = 'selected';
      if (target.querySelector('option[value="EN-US"]')) target.value = 'EN-US';
      app.show('project');
      this.render();
      this.mtCard.scrollIntoView({ block: 'nearest' });
      this.mtCard.classList.add('flash');
      setTimeout(() => this.mtCard.classList.remove('flash'), 1600);
      trGo.focus();
      toast(`Ticked ${docIds.map((d) => app.docLabel(d)).join(', ')}: press Translate (or Estimate first).`, 'info');
    };
    const trDry = h('button', { onclick: () => void runTranslate(true), title: 'How many characters would be billed' }, 'Estimate');

    this.el = h('section', { class: 'view view-project' },
      h('div', { class: 'proj-main' },
        this.summary,
        this.selectionBar,
        this.table,
      ),
      h('aside', { class: 'proj-side' },
        this.dropTarget(h('div', { class: 'card import-card' },
          h('h3', null, 'Import articles'),
          h('div', { class: 'row' }, files),
          h('div', { class: 'row' }, h('label', { class: 'rl', for: 'import-folder' }, 'or a folder'), folder, folderNote),
          h('div', { class: 'row' }, url, urlBtn),
          h('div', { class: 'row' }, h('label', { class: 'rl', for: 'import-story' }, 'Story'), story),
          h('div', { class: 'row' }, h('label', { class: 'rl', for: 'import-lang' }, 'Language'), lang, paras),
          h('div', { class: 'row' }, h('label', { class: 'small', title: 'Web pages: also import the captions of pictures' }, captions, ' keep captions')),
          h('div', { class: 'row' }, importBtn, h('span', { class: 'muted' }, 'Text, Markdown, HTML or MHTML; any encoding. Web pages: the article only. Drop a link here.')),
          this.urlProgress,
          this.importProgress.el,
          this.importReport,
        ), importFromWeb),
        h('div', { class: 'card' },
          h('h3', null, 'Import translation'),
          h('div', { class: 'row' }, this.originalPick),
          h('div', { class: 'row' }, trFile),
          h('div', { class: 'row' }, h('label', { class: 'rl', for: 'tr-lang' }, 'Language'), trLang),
          h('div', { class: 'row' }, h('label', { class: 'rl', for: 'tr-kind' }, 'Made by'), trKind, trProvider),
          h('div', { class: 'row' }, trBtn),
          this.trReport,
        ),
        (this.mtCard.append(
          h('h3', null, 'Machine translation'),
          this.mtBox,
          // In a browser the key stays where tandem serve runs; only the desktop app keeps one (in the system keychain).
          app.conn.transport === 'electron'
            ? h('div', { class: 'row' }, key, keyBtn)
            : h('div', { class: 'row muted small' }, 'The DeepL key is read from DEEPL_AUTH_KEY where tandem serve runs.'),
          h('div', { class: 'row' }, 'into', target, scope),
          h('div', { class: 'row' }, trGo, trDry),
          this.progress.el,
          this.trResult,
        ), this.mtCard),
      ),
    );
    this.wireTableKeys();
    app.on('docs', () => this.render());
    app.on('info', () => this.renderSummary());
    app.on('job', () => this.showJob());
  }

  show(): void {
    this.render();
    void this.refreshMt();
  }

  private async refreshMt(): Promise<void> {
    const s = await this.app.attempt('DeepL status', () => this.app.api.mtStatus());
    if (s) this.showMt(s);
  }

  private showMt(s: MtStatus): void {
    const usage = s.usage;
    const pct = usage && usage.characterLimit ? Math.min(100, (100 * usage.characterCount) / usage.characterLimit) : null;
    clear(this.mtBox,
      h('div', null, h('b', null, s.provider === 'deepl' ? 'DeepL' : s.provider), ' · ', s.configured ? h('span', { class: 'ok-text' }, 'key set') : h('span', { class: 'bad-text' }, 'no key'), s.serverUrl ? h('span', { class: 'muted' }, ` · ${s.serverUrl}`) : null),
      usage
        ? h('div', { class: 'usage' },
          h('div', { class: 'progress' }, h('div', { class: 'bar', style: `width:${pct ?? 0}%` }), h('span', { class: 'ptext' }, `${fmtInt(usage.characterCount)} of ${usage.characterLimit ? fmtInt(usage.characterLimit) : '∞'} characters this period`)))
        : null,
      s.error ? h('div', { class: 'bad-text' }, s.error) : null,
    );
  }

  private showJob(): void {
    const j = this.app.lastJob;
    if (!j) return;
    if (j.kind === 'import-urls') {
      if (j.status !== 'running') return;
      const stop = h('button', { class: 'link', dataset: { op: 'stop-url-import' }, title: 'Stop after the pages being fetched; those already fetched are kept' }, 'Stop');
      stop.addEventListener('click', () => {
        stop.disabled = true;
        void this.app.attempt('Stopping the import', () => this.app.api.cancelJob(j.id));
      });
      clear(this.urlProgress, `Fetching pages: ${fmtInt(j.done)} of ${fmtInt(j.total)} done${j.message ? ` · ${j.message}` : ''} `, stop);
      return;
    }
  }

  private showTranslate(r: TranslateSummary, dryRun: boolean): void {
    if (dryRun) {
      clear(this.trResult, h('div', null, `Would bill ${fmtInt(r.wouldBill ?? 0)} characters; ${fmtInt(r.cachedCharacters ?? 0)} already cached (${fmtInt(r.paragraphs)} paragraphs).`));
      return;
    }
    clear(this.trResult,
      h('div', { class: r.stopped ? 'bad-text' : 'ok-text' }, r.stopped ? `Stopped: ${r.stopped}. What was translated is kept (and cached): Translate again goes on from there.` : 'Done.'),
      h('div', null, `${count(r.paragraphs, 'paragraph')} in ${count(r.documents.length, 'document')} · billed ${count(r.billedCharacters, 'character')} · ${fmtInt(r.cached)} from cache · ${count(r.requests, 'request')}`),
    );
  }

  private async imported(report: ImportReport): Promise<void> {
    if (!report.failed) this.app.ok();
    this.showReport(this.importReport, report.files);
    toast(`Imported ${report.imported}, duplicates ${report.duplicates}, failed ${report.failed}`, report.failed ? 'error' : 'ok');
    await this.app.refreshDocs();
  }

  /** A link dragged from a browser onto the import card is imported from the web. */
  private dropTarget(card: HTMLElement, importFromWeb: (urls: string[]) => Promise<void>): HTMLElement {
    const links = (dt: DataTransfer | null) => (dt?.getData('text/uri-list') || dt?.getData('text/plain') || '').split(/\s+/).filter((t) => /^https?:\/\/\S+$/i.test(t));
    card.addEventListener('dragover', (e) => {
      if (![...(e.dataTransfer?.types ?? [])].some((t) => t === 'text/uri-list' || t === 'text/plain')) return;
      e.preventDefault();
      card.classList.add('drop-ok');
    });
    card.addEventListener('dragleave', () => card.classList.remove('drop-ok'));
    card.addEventListener('drop', (e) => {
      card.classList.remove('drop-ok');
      const urls = links(e.dataTransfer);
      if (!urls.length) return;
      e.preventDefault();
      void importFromWeb(urls);
    });
    return card;
  }

  private showReport(host: HTMLElement, files: ImportFileReport[]): void {
    clear(host, h('table', { class: 'mini' },
      h('tbody', null, files.map((f) => h('tr', { class: `rep-${f.status}` },
        // A long file name is cut with an ellipsis rather than wrapped over lines; it is whole in the tooltip.
        h('td', { class: 'rep-file', title: f.file }, f.file),
        h('td', { class: 'nowrap' }, f.status),
        h('td', null, f.status === 'imported' ? `${f.lang ?? '?'} (${Math.round((f.langConfidence ?? 0) * 100)}%) · ${f.paragraphs ?? 0} ¶ · ${f.sentences ?? 0} s.`
          : f.status === 'duplicate' ? `same as ${this.app.docLabel(f.duplicateOf ?? 0)}` : f.reason ?? ''),
      ))),
    ));
  }

  private renderSummary(): void {
    const i = this.app.info;
    if (!i) return;
    clear(this.summary,
      h('div', { class: 'proj-title' },
        h('h2', null, i.name),
        h('button', { class: 'tb', dataset: { op: 'projects' }, title: this.app.conn.transport === 'electron' ? 'Open a recent project, another one, or make a new one' : 'Open another project of this folder, or make a new one', onclick: () => void openProjectsDialog(this.app) }, 'Projects…'),
        h('button', { class: 'tb', dataset: { op: 'new-story' }, title: 'A story groups the articles that report one event', onclick: () => void newStory(this.app) }, 'New story…'),
      ),
      h('span', { class: 'muted' }, `${count(i.documents, 'document')} · ${count(i.alignments, 'alignment')} · ${count(i.facts, 'fact')} · `),
      annotatorLabel(i.annotator),
    );
  }

  /** The checked originals, and what can be done with them: move them to a story (translations go along). */
  private renderSelection(): void {
    for (const id of [...this.selected]) if (!this.app.doc(id)) this.selected.delete(id);
    const n = this.selected.size;
    if (!n) {
      clear(this.selectionBar, h('span', { class: 'muted small' }, 'Tick articles to translate them or move them to a story. F2 renames the focused document, Delete deletes it, Enter opens it.'));
      return;
    }
    const move = h('select', { 'aria-label': 'Move the checked articles to a story', dataset: { op: 'move-to-story' } },
      h('option', { value: '' }, 'Move to story…'),
      this.app.stories.map((st) => h('option', { value: `s:${st.name}` }, st.name)),
      h('option', { value: 'none' }, '(no story)'),
      h('option', { value: 'new' }, 'New story…'));
    move.addEventListener('change', async () => {
      const v = move.value;
      move.value = '';
      let target: string | null;
      if (v === 'new') {
        target = await newStory(this.app);
        if (!target) return;
      } else if (v === 'none') target = null;
      else if (v.startsWith('s:')) target = v.slice(2);
      else return;
      if (await moveToStory(this.app, [...this.selected], target)) this.selected.clear();
      this.render();
    });
    clear(this.selectionBar,
      h('b', null, `${n} checked`),
      move,
      h('button', { class: 'link', onclick: () => { this.selected.clear(); this.render(); } }, 'Clear'),
    );
  }

  private render(): void {
    this.renderSummary();
    this.renderSelection();
    const docs = this.app.docs;
    const originals = docs.filter((d) => d.translationOf === null);
    clear(this.originalPick, h('option', { value: '' }, '— original —'), originals.map((d) => h('option', { value: String(d.id) }, this.app.docLabel(d.id))));
    if (!docs.length && !this.app.stories.length) {
      clear(this.table, h('div', { class: 'placeholder' }, 'No documents yet. Import articles with the panel on the right.'));
      return;
    }
    // Every story, the empty ones too, then the articles in none.
    const byStory = new Map<string | null, DocumentSummary[]>();
    for (const st of this.app.stories) byStory.set(st.name, []);
    for (const d of originals) {
      if (!byStory.has(d.collection)) byStory.set(d.collection, []);
      byStory.get(d.collection)!.push(d);
    }
    const rows: HTMLElement[] = [];
    const order = [...byStory.keys()].sort((x, y) => (x === null ? 1 : y === null ? -1 : x.localeCompare(y)));
    for (const name of order) {
      const list = byStory.get(name)!;
      if (name === null && !list.length) continue;
      rows.push(this.storyRow(name, list));
      list.sort((x, y) => x.lang.localeCompare(y.lang) || x.title.localeCompare(y.title));
      for (const d of list) {
        rows.push(this.row(d, false));
        for (const t of d.translations) {
          const td = this.app.doc(t);
          if (td) rows.push(this.row(td, true));
        }
      }
    }
    const focused = (document.activeElement as HTMLElement | null)?.closest?.('tr[data-doc]')?.getAttribute('data-doc');
    const tbody = h('tbody', null, rows);
    clear(this.table, h('table', { class: 'docs' },
      h('thead', null, h('tr', null, h('th', null, ''), h('th', null, 'Document'), h('th', null, 'Language'), h('th', { class: 'num' }, '¶'), h('th', { class: 'num' }, 'Sentences'), h('th', { class: 'num' }, 'Chars'), h('th', null, 'Kind'), h('th', null, ''))),
      tbody,
    ));
    // The table is one tab stop: ↑ ↓ move between documents, Enter opens one, F2 renames, Delete deletes.
    const docRows = [...tbody.querySelectorAll<HTMLElement>('tr[data-doc]')];
    const keep = docRows.find((r) => r.dataset.doc === focused) ?? docRows.find((r) => r.dataset.doc === String(this.focusedDoc)) ?? docRows[0];
    if (keep) keep.tabIndex = 0;
    if (focused && keep && keep.dataset.doc === focused) keep.focus({ preventScroll: true });
  }

  private focusedDoc: number | null = null;

  private storyRow(name: string | null, list: DocumentSummary[]): HTMLElement {
    const label = name ?? '(no story)';
    const langs = [...new Set(list.map((d) => d.lang))].sort();
    const pairs = (list.length * (list.length - 1)) / 2;
    const summary = this.app.stories.find((st) => st.name === name) ?? { name: label, articles: list.length, languages: langs } satisfies StorySummary;
    return h('tr', { class: 'story-row', dataset: { story: label } }, h('td', { colspan: 8 },
      h('div', { class: 'story-head' },
        h('b', null, label),
        h('span', { class: 'muted' }, list.length ? ` · ${count(list.length, 'article')} · ${langs.join(', ')}` : ' · no articles yet: tick articles and move them here'),
        name !== null && pairs > 0
          ? h('button', { class: 'link story-align', dataset: { op: 'align-story' }, title: `Align each of the ${pairs} pairs of articles in comparable mode`, 'aria-label': `Align all ${pairs} pairs of “${label}”`, onclick: () => void this.app.alignStory(name) }, `Align all ${pairs} pair${pairs === 1 ? '' : 's'}`)
          : null,
        h('span', { class: 'grow' }),
        name !== null ? h('button', { class: 'link', dataset: { op: 'rename-story' }, 'aria-label': `Rename the story “${label}”`, onclick: () => void renameStory(this.app, name) }, 'Rename') : null,
        name !== null ? h('button', { class: 'link bad-link', dataset: { op: 'delete-story' }, 'aria-label': `Delete the story “${label}”`, onclick: () => void deleteStory(this.app, summary) }, 'Delete story') : null,
      )));
  }

  private row(d: DocumentSummary, isTranslation: boolean): HTMLElement {
    const box = isTranslation ? null : h('input', { type: 'checkbox', checked: this.selected.has(d.id), title: 'Check: to translate, or to move to a story', 'aria-label': `Check “${d.title}”`, tabindex: '-1', onchange: (e: Event) => {
      if ((e.target as HTMLInputElement).checked) this.selected.add(d.id);
      else this.selected.delete(d.id);
      this.renderSelection();
    } });
    const partner = isTranslation ? d.translationOf : d.translations[0];
    const tr = h('tr', { class: isTranslation ? 'tr-row' : 'orig-row', dataset: { doc: String(d.id) }, tabindex: '-1', 'aria-label': `${d.title} (${d.lang})` },
      h('td', null, box),
      h('td', { class: 'title', dir: 'auto', title: d.meta?.url ?? d.source }, isTranslation ? h('span', { class: 'indent' }, '↳ ') : null, d.title,
        d.meta ? h('div', { class: 'doc-meta muted small', dir: 'auto' }, [d.meta.siteName, d.meta.byline, d.meta.published?.slice(0, 10)].filter(Boolean).join(' · ') || (d.meta.url ?? '')) : null),
      h('td', null, languageCell(this.app, d)),
      h('td', { class: 'num' }, fmtInt(d.paragraphs)),
      h('td', { class: 'num' }, fmtInt(d.sentences)),
      h('td', { class: 'num' }, fmtInt(d.characters)),
      h('td', { class: 'nowrap' }, d.provenance.kind === 'mt' ? `MT · ${d.provenance.provider ?? ''}` : d.provenance.kind === 'human' ? `human${d.provenance.provider && d.provenance.provider !== 'human' ? ' · ' + d.provenance.provider : ''}` : 'original'),
      h('td', { class: 'actions' },
        partner !== undefined && partner !== null ? h('button', { class: 'link', tabindex: '-1', 'aria-label': `Align “${d.title}” (${d.lang}) with its ${isTranslation ? 'original' : 'translation'}`, onclick: () => void this.app.openInAlignment({ docA: isTranslation ? partner : d.id, docB: isTranslation ? d.id : partner }) }, 'Align') : null,
        isTranslation ? h('button', { class: 'link', tabindex: '-1', 'aria-label': `Post-edit “${d.title}” (${d.lang})`, onclick: () => void this.app.openInPostEdit(d.id) }, 'Post-edit') : null,
        h('button', { class: 'link', tabindex: '-1', dataset: { op: 'edit-document' }, title: 'Title, language, story; delete (Enter on the row)', 'aria-label': `Edit “${d.title}” (${d.lang})`, onclick: () => void editDocument(this.app, d) }, 'Edit…'),
      ),
    );
    tr.addEventListener('focus', () => (this.focusedDoc = d.id));
    return tr;
  }

  /** The document of the focused row, for the keys. */
  private rowDoc(target: unknown): DocumentSummary | null {
    const row = target instanceof HTMLElement ? target.closest<HTMLElement>('tr[data-doc]') : null;
    return row ? this.app.doc(Number(row.dataset.doc)) ?? null : null;
  }

  /** The document table's keys: arrows between rows (one tab stop), and the command table's Enter, F2 and Delete. */
  private wireTableKeys(): void {
    this.table.addEventListener('keydown', (e) => {
      const row = (e.target as HTMLElement).closest?.('tr[data-doc]') as HTMLElement | null;
      if (!row || e.target !== row) return;
      const rows = [...this.table.querySelectorAll<HTMLElement>('tr[data-doc]')];
      const at = rows.indexOf(row);
      let to = -1;
      if (e.key === 'ArrowDown') to = Math.min(rows.length - 1, at + 1);
      else if (e.key === 'ArrowUp') to = Math.max(0, at - 1);
      else if (e.key === 'Home') to = 0;
      else if (e.key === 'End') to = rows.length - 1;
      else if (e.key === ' ' && !e.ctrlKey && !e.metaKey) {
        const box = row.querySelector<HTMLInputElement>('input[type=checkbox]');
        if (box) {
          box.click();
          e.preventDefault();
        }
        return;
      } else return;
      e.preventDefault();
      e.stopPropagation();
      for (const r of rows) r.tabIndex = -1;
      rows[to].tabIndex = 0;
      rows[to].focus();
    });
    const c = this.app.commands;
    c.register('project.editDocument', (ctx) => {
      const d = this.rowDoc(ctx.target);
      if (!d || (ctx.target as HTMLElement).closest('button, input, select, a')) return false;
      void editDocument(this.app, d);
    });
    c.register('project.renameDocument', (ctx) => {
      const d = this.rowDoc(ctx.target);
      if (!d) return false;
      void renameDocument(this.app, d);
    });
    c.register('project.deleteDocument', (ctx) => {
      const d = this.rowDoc(ctx.target);
      if (!d) return false;
      void deleteDocumentConfirmed(this.app, d).then((done) => {
        if (done) this.table.querySelector<HTMLElement>('tr[data-doc][tabindex="0"]')?.focus();
      });
    });
  }
}
