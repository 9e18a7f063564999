import type { MtStatus, TranslateSummary } from '../../../common/api';
import type { DocumentSummary, ImportFileReport, ImportReport } from '../../../common/types';
import { App, type View } from '../app';
import { ApiError } from '../api';
import { clear, fileToBase64, fmtInt, h, toast } from '../ui';

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
  private progress = h('div', { class: 'progress job-progress', hidden: true });
  private trResult = h('div', { class: 'report' });
  private originalPick = h('select', { title: 'The original this file translates', 'aria-label': 'The original this file translates' });
  private selected = new Set<number>();
  private summary = h('div', { class: 'proj-summary' });
  private mtCard!: HTMLElement;

  constructor(private readonly app: App) {
    const files = h('input', { type: 'file', multiple: true, accept: '.txt,.md,.html,.htm,.mhtml,.mht,text/plain,text/html', 'aria-label': 'Articles to import' });
    const story = h('input', { type: 'text', id: 'import-story', placeholder: 'e.g. flood-2024', 'aria-label': 'Story', title: 'The story (collection) the articles report; stories are aligned pair by pair' });
    const lang = h('input', { type: 'text', id: 'import-lang', placeholder: 'auto', size: 5, 'aria-label': 'Language', title: 'Leave empty to detect the language' });
    const paras = h('select', { title: 'How paragraphs are found', 'aria-label': 'How paragraphs are found' }, h('option', { value: 'auto' }, '¶ auto'), h('option', { value: 'blank-line' }, '¶ blank line'), h('option', { value: 'line' }, '¶ each line'));
    const captions = h('input', { type: 'checkbox', 'aria-label': 'Keep image captions of web pages' });
    const importOpts = () => ({ collection: story.value.trim() || undefined, lang: lang.value.trim() || undefined, paragraphs: paras.value as 'auto', captions: captions.checked || undefined });
    const importBtn = h('button', { class: 'primary', dataset: { op: 'import' } }, 'Import');
    importBtn.addEventListener('click', async () => {
      const list = [...(files.files ?? [])];
      if (!list.length) {
        app.error('Choose one or more files to import.');
        return;
      }
      importBtn.disabled = true;
      try {
        const uploads = await Promise.all(list.map(async (f) => ({ name: f.name, base64: await fileToBase64(f) })));
        const report = await app.attempt('Import', () => app.api.importArticles(uploads, importOpts()));
        if (report) {
          files.value = '';
          await this.imported(report);
        }
      } finally {
        importBtn.disabled = false;
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
      this.progress.hidden = false;
      clear(this.progress, h('div', { class: 'bar' }), h('span', { class: 'ptext' }, dryRun ? 'Estimating…' : 'Starting…'));
      let result: TranslateSummary;
      try {
        result = await app.api.translate({ docs, to: target.value, dryRun });
      } catch (err) {
        this.progress.hidden = true;
        // Without a key, say where the key goes from here, not which view to open.
        const message = err instanceof ApiError && err.kind === 'mt-auth'
          ? app.conn.transport === 'electron' ? 'No DeepL API key yet: enter it in the field above and press Save key.' : 'No DeepL API key: start tandem serve with DEEPL_AUTH_KEY set (the browser never holds the key).'
          : (err as Error).message;
        app.error(`${dryRun ? 'Estimate' : 'Translate'}: ${message}`, { what: dryRun ? 'Estimate' : 'Translate' });
        if (err instanceof ApiError && err.kind === 'mt-auth' && app.conn.transport === 'electron') key.focus();
        return;
      }
      app.ok();
      this.showTranslate(result, dryRun);
      if (!dryRun) await app.refreshDocs();
      void this.refreshMt();
    };
    const trGo = h('button', { class: 'primary', onclick: () => void runTranslate(false), dataset: { op: 'translate' } }, 'Translate');
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
        this.table,
      ),
      h('aside', { class: 'proj-side' },
        this.dropTarget(h('div', { class: 'card import-card' },
          h('h3', null, 'Import articles'),
          h('div', { class: 'row' }, files),
          h('div', { class: 'row' }, url, urlBtn),
          h('div', { class: 'row' }, h('label', { class: 'rl', for: 'import-story' }, 'Story'), story),
          h('div', { class: 'row' }, h('label', { class: 'rl', for: 'import-lang' }, 'Language'), lang, paras),
          h('div', { class: 'row' }, h('label', { class: 'small', title: 'Web pages: also import the captions of pictures' }, captions, ' keep captions')),
          h('div', { class: 'row' }, importBtn, h('span', { class: 'muted' }, 'Text, Markdown, HTML or MHTML; any encoding. Web pages: the article only. Drop a link here.')),
          this.urlProgress,
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
          this.progress,
          this.trResult,
        ), this.mtCard),
      ),
    );
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
    this.progress.hidden = false;
    const pct = j.total ? (100 * j.done) / j.total : 0;
    clear(this.progress,
      h('div', { class: 'bar', style: `width:${pct}%` }),
      h('span', { class: 'ptext' }, `${j.kind} ${j.status}: ${fmtInt(j.done)}/${fmtInt(j.total)} paragraphs · ${fmtInt(j.chars)}/${fmtInt(j.totalChars)} characters${j.message ? ` · ${j.message}` : ''}`),
    );
    this.progress.dataset.status = j.status;
  }

  private showTranslate(r: TranslateSummary, dryRun: boolean): void {
    if (dryRun) {
      this.progress.hidden = true;
      clear(this.trResult, h('div', null, `Would bill ${fmtInt(r.wouldBill ?? 0)} characters; ${fmtInt(r.cachedCharacters ?? 0)} already cached (${fmtInt(r.paragraphs)} paragraphs).`));
      return;
    }
    clear(this.trResult,
      h('div', { class: r.stopped ? 'bad-text' : 'ok-text' }, r.stopped ? `Stopped: ${r.stopped}` : 'Done.'),
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
      h('h2', null, i.name),
      h('span', { class: 'muted' }, `${count(i.documents, 'document')} · ${count(i.alignments, 'alignment')} · ${count(i.facts, 'fact')} · `),
      annotatorLabel(i.annotator),
    );
  }

  private render(): void {
    this.renderSummary();
    const docs = this.app.docs;
    const originals = docs.filter((d) => d.translationOf === null);
    clear(this.originalPick, h('option', { value: '' }, '— original —'), originals.map((d) => h('option', { value: String(d.id) }, this.app.docLabel(d.id))));
    if (!docs.length) {
      clear(this.table, h('div', { class: 'placeholder' }, 'No documents yet. Import articles with the panel on the right.'));
      return;
    }
    const byStory = new Map<string, DocumentSummary[]>();
    for (const d of originals) {
      const k = d.collection ?? '(no story)';
      if (!byStory.has(k)) byStory.set(k, []);
      byStory.get(k)!.push(d);
    }
    const rows: HTMLElement[] = [];
    for (const [story, list] of [...byStory].sort((x, y) => x[0].localeCompare(y[0]))) {
      const langs = [...new Set(list.map((d) => d.lang))].sort();
      const pairs = (list.length * (list.length - 1)) / 2;
      const named = list[0].collection !== null;
      rows.push(h('tr', { class: 'story-row', dataset: { story } }, h('td', { colspan: 8 },
        h('b', null, story), h('span', { class: 'muted' }, ` · ${count(list.length, 'article')} · ${langs.join(', ')}`),
        named && pairs > 0
          ? h('button', { class: 'link story-align', dataset: { op: 'align-story' }, title: `Align each of the ${pairs} pairs of articles in comparable mode`, 'aria-label': `Align all ${pairs} pairs of “${story}”`, onclick: () => void this.app.alignStory(list[0].collection ?? '') }, `Align all ${pairs} pair${pairs === 1 ? '' : 's'}`)
          : null,
      )));
      list.sort((x, y) => x.lang.localeCompare(y.lang) || x.title.localeCompare(y.title));
      for (const d of list) {
        rows.push(this.row(d, false));
        for (const t of d.translations) {
          const td = this.app.doc(t);
          if (td) rows.push(this.row(td, true));
        }
      }
    }
    clear(this.table, h('table', { class: 'docs' },
      h('thead', null, h('tr', null, h('th', null, ''), h('th', null, 'Document'), h('th', null, 'Language'), h('th', { class: 'num' }, '¶'), h('th', { class: 'num' }, 'Sentences'), h('th', { class: 'num' }, 'Chars'), h('th', null, 'Kind'), h('th', null, ''))),
      h('tbody', null, rows),
    ));
  }

  private row(d: DocumentSummary, isTranslation: boolean): HTMLElement {
    const box = isTranslation ? null : h('input', { type: 'checkbox', checked: this.selected.has(d.id), title: 'Include in Translate', 'aria-label': `Include “${d.title}” in Translate`, onchange: (e: Event) => {
      if ((e.target as HTMLInputElement).checked) this.selected.add(d.id);
      else this.selected.delete(d.id);
    } });
    const conf = d.langConfidence;
    const partner = isTranslation ? d.translationOf : d.translations[0];
    return h('tr', { class: isTranslation ? 'tr-row' : 'orig-row', dataset: { doc: String(d.id) } },
      h('td', null, box),
      h('td', { class: 'title', dir: 'auto', title: d.meta?.url ?? d.source }, isTranslation ? h('span', { class: 'indent' }, '↳ ') : null, d.title,
        d.meta ? h('div', { class: 'doc-meta muted small', dir: 'auto' }, [d.meta.siteName, d.meta.byline, d.meta.published?.slice(0, 10)].filter(Boolean).join(' · ') || (d.meta.url ?? '')) : null),
      h('td', null, h('span', { class: 'lang' }, d.lang), h('span', { class: conf < 0.6 ? 'bad-text small' : 'muted small' }, ` ${Math.round(conf * 100)}%`)),
      h('td', { class: 'num' }, fmtInt(d.paragraphs)),
      h('td', { class: 'num' }, fmtInt(d.sentences)),
      h('td', { class: 'num' }, fmtInt(d.characters)),
      h('td', { class: 'nowrap' }, d.provenance.kind === 'mt' ? `MT · ${d.provenance.provider ?? ''}` : d.provenance.kind === 'human' ? `human${d.provenance.provider && d.provenance.provider !== 'human' ? ' · ' + d.provenance.provider : ''}` : 'original'),
      h('td', { class: 'actions' },
        partner !== undefined && partner !== null ? h('button', { class: 'link', 'aria-label': `Align “${d.title}” (${d.lang}) with its ${isTranslation ? 'original' : 'translation'}`, onclick: () => void this.app.openInAlignment({ docA: isTranslation ? partner : d.id, docB: isTranslation ? d.id : partner }) }, 'Align') : null,
        isTranslation ? h('button', { class: 'link', 'aria-label': `Post-edit “${d.title}” (${d.lang})`, onclick: () => void this.app.openInPostEdit(d.id) }, 'Post-edit') : null,
      ),
    );
  }
}
