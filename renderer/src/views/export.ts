import type { ExportFormat } from '../../../common/api';
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
  const go = h('button', { class: 'primary' }, 'Export');
  const dlg = modal('Export alignment', h('div', { class: 'form-grid' },
    h('label', null, 'Format'), format,
    h('label', null, 'Documents'), scope,
    h('label', null, 'Links'), status,
    h('label', null, 'Level'), level,
  ), [go]);
  go.addEventListener('click', async () => {
    go.disabled = true;
    const file = await app.attempt('Export', () => app.api.exportAlignment({
      format: format.value as ExportFormat,
      pair: scope.value === 'pair' ? pair : undefined,
      allTranslations: scope.value === 'all',
      status: status.value as 'confirmed' | 'all',
      level: level.value as 'paragraph' | 'sentence',
    }));
    go.disabled = false;
    if (!file) return;
    const saved = await app.attempt('Saving the export', () => app.conn.saveFile(file.name, file.content));
    dlg.close();
    if (saved) toast(`Exported ${saved}`, 'ok');
  });
  format.focus();
}
