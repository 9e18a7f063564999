import type { ExportFormat, XliffVersion } from '../../../common/api';
import { App } from '../app';
import { h, modal, toast } from '../ui';

const FORMATS: Array<[ExportFormat, string]> = [['tmx', 'TMX (translation memory)'], ['xliff', 'XLIFF'], ['moses', 'Moses (two plain-text files)'], ['tsv', 'TSV'], ['jsonl', 'JSON Lines']];

export function openExportDialog(app: App, pair?: [number, number]): void {
  const format = h('select', { 'aria-label': 'Format' }, FORMATS.map(([v, l]) => h('option', { value: v }, l)));
  const scope = h('select', { 'aria-label': 'What to export' },
    pair ? h('option', { value: 'pair' }, `This pair: ${app.docLabel(pair[0])} ↔ ${app.docLabel(pair[1])}`) : null,
    h('option', { value: 'all' }, 'All translations (each original with its translations)'));
  const status = h('select', { 'aria-label': 'Links' }, h('option', { value: 'confirmed' }, 'confirmed links only'), h('option', { value: 'all' }, 'all links (suggested too)'));
  const level = h('select', { 'aria-label': 'Level' }, h('option', { value: 'paragraph' }, 'paragraphs'), h('option', { value: 'sentence' }, 'sentences'));
  // TMX holds every language in one file; the other formats hold one pair per file.
  const files = h('select', { 'aria-label': 'Files' }, h('option', { value: 'one' }, 'one file (TMX: every language in each unit)'), h('option', { value: 'split' }, 'one file per pair'));
  const xliffVersion = h('select', { 'aria-label': 'XLIFF version' }, h('option', { value: '2.1' }, 'XLIFF 2.1'), h('option', { value: '1.2' }, 'XLIFF 1.2 (memoQ, Trados, OmegaT, translate-toolkit)'));
  const go = h('button', { class: 'primary' }, 'Export');
  const dlg = modal('Export alignment', h('div', { class: 'form-grid' },
    h('label', null, 'Format'), format,
    h('label', null, 'Documents'), scope,
    h('label', null, 'Links'), status,
    h('label', null, 'Level'), level,
    h('label', null, 'Files'), files,
    h('label', null, 'Version'), xliffVersion,
  ), [go]);
  const sync = () => {
    const all = scope.value === 'all';
    const one = format.value === 'tmx' || format.value === 'moses';
    // Only TMX can put several pairs in one file.
    if (all && !one) files.value = 'split';
    files.disabled = !all || format.value === 'moses';
    xliffVersion.disabled = format.value !== 'xliff';
    for (const el of [files, files.previousElementSibling]) (el as HTMLElement).hidden = !all;
    for (const el of [xliffVersion, xliffVersion.previousElementSibling]) (el as HTMLElement).hidden = format.value !== 'xliff';
  };
  format.addEventListener('change', sync);
  scope.addEventListener('change', sync);
  sync();
  go.addEventListener('click', async () => {
    go.disabled = true;
    const file = await app.attempt('Export', () => app.api.exportAlignment({
      format: format.value as ExportFormat,
      pair: scope.value === 'pair' ? pair : undefined,
      allTranslations: scope.value === 'all',
      status: status.value as 'confirmed' | 'all',
      level: level.value as 'paragraph' | 'sentence',
      split: scope.value === 'all' && files.value === 'split',
      xliffVersion: format.value === 'xliff' ? (xliffVersion.value as XliffVersion) : undefined,
    }));
    go.disabled = false;
    if (!file) return;
    const saved: string[] = [];
    for (const f of file.files) {
      const name = await app.attempt('Saving the export', () => app.conn.saveFile(f.name, f.content));
      if (!name) break;
      saved.push(name);
    }
    dlg.close();
    if (saved.length) toast(`Exported ${file.units} units to ${saved.join(', ')}`, 'ok');
  });
  format.focus();
}
