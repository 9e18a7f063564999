import type { AgreementReport, AnnotatorSummary, FactsExportFormat, MergeCopyReport, Prf } from '../../../common/api';
import type { App } from '../app';
import { clear, fileToBase64, fmtInt, h, modal, toast } from '../ui';

export const FACTS_EXPORTS: Array<{ format: FactsExportFormat; label: string; help: string }> = [
  { format: 'w3c', label: 'W3C annotations', help: 'Every mention as a W3C Web Annotation (JSON-LD): the fact as a tag, the span as quote and position selectors' },
  { format: 'jsonl', label: 'JSON Lines', help: 'One line per fact, then one per mention, with offsets and who made it' },
  { format: 'csv', label: 'Grid (CSV)', help: 'The fact × article grid: one row per fact, a column per original article' },
];

/** Exports the facts and saves the file: a download in the browser, a save dialog in the app. */
export async function exportFacts(app: App, format: FactsExportFormat): Promise<void> {
  const file = await app.attempt('Exporting the facts', () => app.api.exportFacts(format));
  if (!file) return;
  const saved = await app.attempt('Saving the export', () => app.conn.saveFile(file.name, file.content));
  if (!saved) return;
  app.ok();
  toast(`Saved ${saved} (${fmtInt(file.units)} ${format === 'csv' ? 'facts' : format === 'w3c' ? 'annotations' : 'lines'}).`, 'ok');
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function prfCells(p: Prf): HTMLElement[] {
  return [h('td', { class: 'num' }, pct(p.precision)), h('td', { class: 'num' }, pct(p.recall)), h('td', { class: 'num strong' }, p.f1.toFixed(3))];
}

/** The agreement report as a table: one row per measure, B measured against A. */
export function agreementTable(r: AgreementReport): HTMLElement {
  const [a, b] = r.annotators;
  const k = r.factGrid;
  return h('div', { class: 'agreement' },
    h('table', { class: 'docs agreement-table' },
      h('thead', null, h('tr', null, h('th', null, 'Measure'), h('th', { class: 'num' }, 'Precision'), h('th', { class: 'num' }, 'Recall'), h('th', { class: 'num' }, 'F1 / κ'), h('th', null, 'Over'))),
      h('tbody', null,
        h('tr', { dataset: { measure: 'kappa' } },
          h('td', null, 'Facts × articles: Cohen’s κ'), h('td', { class: 'num muted' }, '—'), h('td', { class: 'num muted' }, '—'),
          h('td', { class: 'num strong' }, k.kappa === null ? 'n/a' : k.kappa.toFixed(3)),
          h('td', { class: 'muted small' }, `${fmtInt(k.cells)} cells; ${fmtInt(k.matchedFacts)} facts paired of ${fmtInt(k.factsA)} and ${fmtInt(k.factsB)}; observed ${pct(k.observed)}, by chance ${pct(k.expected)}`)),
        h('tr', { dataset: { measure: 'spans-exact' } }, h('td', null, 'Mention spans, exact'), prfCells(r.mentions.exact), h('td', { class: 'muted small' }, `${fmtInt(r.mentions.a)} and ${fmtInt(r.mentions.b)} mentions`)),
        h('tr', { dataset: { measure: 'spans-overlap' } }, h('td', null, 'Mention spans, overlapping'), prfCells(r.mentions.overlap), h('td', { class: 'muted small' }, 'a span counts when it overlaps one of the other’s')),
        h('tr', { dataset: { measure: 'links' } }, h('td', null, 'Confirmed alignment links'), prfCells(r.links.f1), h('td', { class: 'muted small' }, `${fmtInt(r.links.a)} and ${fmtInt(r.links.b)} links`)),
      ),
    ),
    h('p', { class: 'muted small' }, `${b} is measured against ${a}: precision is the share of ${b}’s items that ${a} has too, recall the share of ${a}’s that ${b} has. κ compares which articles each annotator found each fact in, beyond chance (facts paired by label, then by the paragraphs they mention).`),
  );
}

/** Two annotators chosen from the project, and how far they agree. */
export async function openAgreementDialog(app: App, preset?: [string, string]): Promise<void> {
  const annotators = await app.attempt('Listing the annotators', () => app.api.listAnnotators());
  if (!annotators) return;
  const label = (x: AnnotatorSummary) => `${x.name}${x.current ? ' (you)' : ''} — ${fmtInt(x.facts)} facts, ${fmtInt(x.mentions)} mentions, ${fmtInt(x.confirmedLinks)} links`;
  const pick = (id: string, aria: string) => h('select', { id, 'aria-label': aria }, annotators.map((x) => h('option', { value: x.name }, label(x))));
  const a = pick('agree-a', 'Annotator A');
  const b = pick('agree-b', 'Annotator B');
  const withWork = annotators.filter((x) => x.facts || x.mentions || x.confirmedLinks);
  const [pa, pb] = preset ?? [withWork[0]?.name ?? annotators[0]?.name, withWork[1]?.name ?? annotators[1]?.name];
  if (pa) a.value = pa;
  if (pb) b.value = pb;
  const result = h('div', { class: 'agreement-result', 'aria-live': 'polite' });
  const compare = h('button', { class: 'primary', dataset: { op: 'compare' } }, 'Compare');
  const run = async () => {
    if (a.value === b.value) {
      clear(result, h('div', { class: 'form-error' }, 'Choose two different annotators.'));
      return;
    }
    compare.disabled = true;
    const r = await app.attempt('Agreement', () => app.api.agreement(a.value, b.value));
    compare.disabled = false;
    if (r) clear(result, agreementTable(r));
  };
  compare.addEventListener('click', () => void run());
  const body = h('div', { class: 'agreement-form' },
    annotators.length < 2
      ? h('p', { class: 'muted' }, 'This project holds one annotator’s work. Merge a colleague’s copy first (Merge a copy…), then compare.')
      : h('div', { class: 'form-grid' }, h('label', { for: 'agree-a' }, 'A'), a, h('label', { for: 'agree-b' }, 'B'), b),
    result,
  );
  modal('Agreement between annotators', body, annotators.length < 2 ? [] : [compare], { className: 'agreement-dialog', initialFocus: compare });
  if (annotators.length >= 2 && preset) void run();
}

/** What a merge added, and where the project as it was is kept. */
function mergeSummary(app: App, r: MergeCopyReport): HTMLElement {
  const row = (what: string, n: number) => h('tr', null, h('td', null, what), h('td', { class: 'num' }, fmtInt(n)));
  return h('div', { class: 'merge-result' },
    h('table', { class: 'mini merge-table' }, h('tbody', null,
      row('Documents added', r.documentsAdded), row('Alignments added', r.alignmentsAdded), row('Links added', r.linksAdded),
      row('Facts added', r.factsAdded), row('Mentions added', r.mentionsAdded), row('Rejected suggestions added', r.rejectionsAdded))),
    h('p', { class: 'small' }, `Annotators in the copy: ${r.annotators.join(', ') || 'none'}. Each annotator’s facts stay their own, so they can be compared.`),
    r.backup ? h('p', { class: 'small muted', dataset: { backup: r.backup } }, `The project as it was before the merge is kept as ${r.backup}, beside it (${app.conn.transport === 'electron' ? 'File › Open opens it' : 'Projects… lists it'}, to go back).`) : null,
  );
}

/**
 * Merging a colleague's copy: the .tandem file is uploaded (or, in the app,
 * read) and merged into this project in one transaction, after a copy of
 * the project as it was is kept beside it.
 */
export function openMergeDialog(app: App): void {
  const file = h('input', { type: 'file', accept: '.tandem,application/octet-stream', 'aria-label': 'The copy to merge (.tandem)', id: 'merge-file' });
  const result = h('div', { 'aria-live': 'polite' });
  const go = h('button', { class: 'primary', dataset: { op: 'merge' } }, 'Merge');
  const compare = h('button', { hidden: true, dataset: { op: 'compare-annotators' } }, 'Compare annotators…');
  let merged: MergeCopyReport | null = null;
  go.addEventListener('click', async () => {
    const f = file.files?.[0];
    if (!f) {
      clear(result, h('div', { class: 'form-error' }, 'Choose the .tandem file of the copy to merge.'));
      return;
    }
    go.disabled = true;
    clear(result, h('div', { class: 'progress' }, h('div', { class: 'bar indeterminate' }), h('span', { class: 'ptext' }, `Merging ${f.name} (${(f.size / 1048576).toFixed(1)} MB)…`)));
    const report = await app.mutate('Merging the copy', async () => app.api.mergeCopy({ name: f.name, base64: await fileToBase64(f) }));
    go.disabled = false;
    if (!report) {
      clear(result, h('div', { class: 'form-error' }, app.lastError ?? 'The merge failed; the project is as it was.'));
      return;
    }
    merged = report;
    app.ok();
    clear(result, mergeSummary(app, report));
    file.closest('.row')?.setAttribute('hidden', '');
    file.value = '';
    go.hidden = true;
    compare.hidden = report.annotators.length < 1;
    await Promise.all([app.refreshDocs(), app.refreshFacts(), app.refreshInfo()]);
    for (const v of app.views.values()) v.changed?.('all');
    toast(`Merged: ${fmtInt(report.factsAdded)} facts and ${fmtInt(report.mentionsAdded)} mentions added.`, 'ok');
  });
  const dlg = modal('Merge another annotator’s copy', h('div', { class: 'merge-form' },
    h('p', { class: 'small dialog-message' }, 'Choose the .tandem file a colleague annotated. What this project lacks is added (documents, alignments and links, facts and mentions), and both annotators’ work is kept side by side. A copy of this project as it is now is kept beside it first.'),
    h('div', { class: 'row' }, file),
    result,
  ), [compare, go], { className: 'merge-dialog', initialFocus: file });
  compare.addEventListener('click', () => {
    dlg.close();
    const other = merged?.annotators.find((n) => n !== app.info?.annotator);
    void openAgreementDialog(app, other && app.info ? [app.info.annotator, other] : undefined);
  });
}
