import type { ExportFormat, XliffVersion } from '../../../common/api';
import type { AlignLevel, AlignMode } from '../../../common/types';
import { App } from '../app';
import { field, formDialog, h, modal, toast } from '../ui';
import { ApiError } from '../api';
import { JobProgress } from '../jobs';

const FORMATS: Array<[ExportFormat, string]> = [['tmx', 'TMX (translation memory)'], ['xliff', 'XLIFF'], ['moses', 'Moses (two plain-text files)'], ['tsv', 'TSV'], ['jsonl', 'JSON Lines']];

interface ExportChoice {
  format: ExportFormat;
  scope: 'pair' | 'all';
  status: 'confirmed' | 'all';
  level: AlignLevel;
  split: boolean;
  xliffVersion: XliffVersion;
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
  // TMX holds every language in one file; the other formats hold one pair per file.
  const files = h('select', null, h('option', { value: 'one' }, 'One file (TMX: every language in each unit)'), h('option', { value: 'split' }, 'One file per pair'));
  const xliffVersion = h('select', null, h('option', { value: '2.1' }, 'XLIFF 2.1'), h('option', { value: '1.2' }, 'XLIFF 1.2 (memoQ, Trados, OmegaT, translate-toolkit)'));
  const filesField = field({ label: 'Files', control: files });
  const versionField = field({ label: 'Version', control: xliffVersion });
  const sync = () => {
    const all = scope.value === 'all';
    // Only TMX can put several pairs in one file; Moses is always two files a pair.
    if (all && format.value !== 'tmx') files.value = 'split';
    files.disabled = format.value !== 'tmx';
    filesField.hidden = !all;
    versionField.hidden = format.value !== 'xliff';
  };
  format.addEventListener('change', sync);
  scope.addEventListener('change', sync);
  sync();
  const choice = await formDialog<ExportChoice>({
    title: 'Export alignment',
    className: 'export-dialog',
    body: h('div', { class: 'form-grid' },
      field({ label: 'Format', control: format }),
      field({ label: 'Documents', control: scope }),
      field({ label: 'Links', control: status }),
      field({ label: 'Level', control: level, hint: from.level ? `The alignment on screen is at ${from.level} level.` : undefined }),
      filesField,
      versionField,
    ),
    confirmLabel: 'Export',
    initialFocus: format,
    submit: () => ({ value: { format: format.value as ExportFormat, scope: scope.value as 'pair' | 'all', status: status.value as 'confirmed' | 'all', level: level.value as AlignLevel, split: files.value === 'split', xliffVersion: xliffVersion.value as XliffVersion } }),
  });
  if (!choice) return;
  // The export runs as a job: its progress, and Stop, in a dialog of their own while it runs.
  const progress = new JobProgress(app, ['export'], { stopHint: 'Stop the export now; nothing is saved' });
  progress.start('Starting the export…');
  const running = modal('Exporting', h('div', { class: 'export-running' }, progress.el), [], { className: 'export-progress-dialog', onClose: () => void progress.stop() });
  let stopped = false;
  const file = await app.attempt('Export', () => app.api.exportAlignment({
    format: choice.format,
    pair: choice.scope === 'pair' ? pair : undefined,
    allTranslations: choice.scope === 'all',
    status: choice.status,
    level: choice.level,
    mode: choice.scope === 'pair' ? mode : undefined,
    split: choice.scope === 'all' && choice.split,
    xliffVersion: choice.format === 'xliff' ? choice.xliffVersion : undefined,
  }).catch((err: unknown) => {
    // Stopped on purpose: no error, nothing saved.
    if (err instanceof ApiError && err.kind === 'cancelled') {
      stopped = true;
      return undefined;
    }
    throw err;
  }));
  progress.dispose();
  running.close();
  if (stopped) toast('Export stopped; nothing was saved.', 'info');
  if (!file) return;
  const saved: string[] = [];
  for (const f of file.files) {
    const name = await app.attempt('Saving the export', () => app.conn.saveFile(f.name, f.content));
    if (!name) break;
    saved.push(name);
  }
  if (saved.length) {
    app.ok();
    toast(`Exported ${file.units} units to ${saved.join(', ')}`, 'ok');
  }
}
