import type { ExportFormat } from '../../../common/api';
import type { AlignLevel, AlignMode } from '../../../common/types';
import { App } from '../app';
import { field, formDialog, h, toast } from '../ui';

const FORMATS: Array<[ExportFormat, string]> = [['tmx', 'TMX (translation memory)'], ['xliff', 'XLIFF'], ['moses', 'Moses (two plain-text files)'], ['tsv', 'TSV'], ['jsonl', 'JSON Lines']];

interface ExportChoice {
  format: ExportFormat;
  scope: 'pair' | 'all';
  status: 'confirmed' | 'all';
  level: AlignLevel;
}

/**
 * The export dialog. It starts from what is on screen: the pair shown, at its
 * level (sentences while sentences are reviewed), in its mode.
 */
export async function openExportDialog(app: App, from: { pair?: [number, number]; level?: AlignLevel; mode?: AlignMode } = {}): Promise<void> {
  const { pair, mode } = from;
  const format = h('select', null, FORMATS.map(([v, l]) => h('option', { value: v }, l)));
  const scope = h('select', null,
    pair ? h('option', { value: 'pair' }, `This pair: ${app.docLabel(pair[0])} ↔ ${app.docLabel(pair[1])}${mode ? ` (${mode})` : ''}`) : null,
    h('option', { value: 'all' }, 'All translations (each original with its translations)'));
  const status = h('select', null, h('option', { value: 'confirmed' }, 'Confirmed links only'), h('option', { value: 'all' }, 'All links (suggested too)'));
  const level = h('select', null, h('option', { value: 'paragraph' }, 'Paragraphs'), h('option', { value: 'sentence' }, 'Sentences'));
  level.value = from.level ?? 'paragraph';
  const choice = await formDialog<ExportChoice>({
    title: 'Export alignment',
    className: 'export-dialog',
    body: h('div', { class: 'form-grid' },
      field({ label: 'Format', control: format }),
      field({ label: 'Documents', control: scope }),
      field({ label: 'Links', control: status }),
      field({ label: 'Level', control: level, hint: from.level ? `The alignment on screen is at ${from.level} level.` : undefined }),
    ),
    confirmLabel: 'Export',
    initialFocus: format,
    submit: () => ({ value: { format: format.value as ExportFormat, scope: scope.value as 'pair' | 'all', status: status.value as 'confirmed' | 'all', level: level.value as AlignLevel } }),
  });
  if (!choice) return;
  const file = await app.attempt('Export', () => app.api.exportAlignment({
    format: choice.format,
    pair: choice.scope === 'pair' ? pair : undefined,
    allTranslations: choice.scope === 'all',
    status: choice.status,
    level: choice.level,
    mode: choice.scope === 'pair' ? mode : undefined,
  }));
  if (!file) return;
  const saved = await app.attempt('Saving the export', () => app.conn.saveFile(file.name, file.content));
  if (saved) {
    app.ok();
    toast(`Exported ${saved}`, 'ok');
  }
}
