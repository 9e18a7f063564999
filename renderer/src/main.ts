import './styles.css';
import './monaco';
import { connect } from './api';
import { App, type View, type ViewId } from './app';
import { AlignmentPanel } from './views/alignment';
import { ProjectPanel } from './views/project';
import { SearchPanel } from './views/search';
import { FactsPanel } from './views/facts';
import { PostEditPanel } from './views/postedit';
import { openExportDialog } from './views/export';
import { SHORTCUTS } from './shortcuts';
import { anyModalOpen, clear, closeTopModal, h, isTypingTarget, modal, toast } from './ui';

const ORDER: ViewId[] = ['project', 'alignment', 'facts', 'search', 'postedit'];
const LABELS: Record<ViewId, [string, string]> = {
  project: ['Project', '▤'],
  alignment: ['Alignment', '⇆'],
  facts: ['Facts', '◆'],
  search: ['Search', '⌕'],
  postedit: ['Post-edit', '✎'],
};

async function boot(): Promise<void> {
  const conn = connect();
  const app = new App(conn);
  const alignment = new AlignmentPanel(app);
  const postedit = new PostEditPanel(app);
  const facts = new FactsPanel(app);
  const views: View[] = [new ProjectPanel(app), alignment, facts, new SearchPanel(app), postedit];
  for (const v of views) app.views.set(v.id, v);

  const rail = h('nav', { class: 'rail', 'aria-label': 'Views' });
  const main = h('main', { class: 'content' });
  const status = h('footer', { class: 'statusbar' });
  const root = document.getElementById('app')!;
  clear(root, h('div', { class: 'shell' }, rail, main), status);

  for (const [i, id] of ORDER.entries()) {
    const v = app.views.get(id)!;
    v.el.hidden = true;
    main.append(v.el);
    v.el.setAttribute('aria-label', LABELS[id][0]);
    // A view takes focus when it is opened from the keyboard, so that its own keys work at once.
    v.el.tabIndex = -1;
    rail.append(h('button', { class: 'rail-btn', dataset: { view: id }, title: `${LABELS[id][0]} (Ctrl+${i + 1})`, 'aria-keyshortcuts': `Control+${i + 1}`, onclick: () => app.show(id) },
      h('span', { class: 'rail-icon', 'aria-hidden': 'true' }, LABELS[id][1]), h('span', { class: 'rail-label' }, LABELS[id][0])));
  }
  rail.append(h('span', { class: 'grow' }), h('button', { class: 'rail-btn', title: 'Keyboard shortcuts (?)', 'aria-label': 'Keyboard shortcuts', onclick: () => help() }, h('span', { class: 'rail-icon', 'aria-hidden': 'true' }, '?'), h('span', { class: 'rail-label' }, 'Keys')));

  const switchTo = (id: ViewId) => {
    if (app.current !== id) app.views.get(app.current)?.hide?.();
    app.current = id;
    for (const v of app.views.values()) v.el.hidden = v.id !== id;
    for (const b of rail.querySelectorAll<HTMLElement>('.rail-btn[data-view]')) {
      b.classList.toggle('active', b.dataset.view === id);
      if (b.dataset.view === id) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    if (location.hash !== `#${id}`) history.replaceState(null, '', `${location.pathname}${location.search}#${id}`);
    const view = app.views.get(id)!;
    view.show();
    // Focus left in a view that is now hidden would be lost: hand it to the view shown.
    const active = document.activeElement;
    if (!active || active === document.body || (active instanceof HTMLElement && active.closest('[hidden]'))) {
      if (!view.el.contains(document.activeElement)) view.el.focus({ preventScroll: true });
    }
  };
  app.setSwitchHandler(switchTo);

  app.openInAlignment = async (at) => {
    switchTo('alignment');
    await alignment.open(at);
  };
  app.alignStory = async (story) => {
    switchTo('alignment');
    await alignment.alignStory(story);
  };
  app.openInPostEdit = async (docId, paragraph) => {
    switchTo('postedit');
    await postedit.open(docId, paragraph);
  };
  app.exportDialog = (pair) => openExportDialog(app, pair ?? alignment.pair());
  const historyOp = (which: 'undo' | 'redo') => app.serial(async () => {
    const t0 = performance.now();
    alignment.expectChange();
    const r = await app.attempt(which === 'undo' ? 'Undo' : 'Redo', () => app.api[which]());
    if (!r) return undefined;
    const t1 = performance.now();
    app.setHistoryState(r);
    if (!r.done) {
      toast(`Nothing to ${which}.`, 'info');
      return undefined;
    }
    toast(`${which === 'undo' ? 'Undone' : 'Redone'}: ${r.description ?? ''}`, 'info');
    if (r.deltas.length) {
      // A link change: patch the open alignment from the deltas; facts and post-edits are untouched.
      const render = alignment.applyDeltas(r.deltas) ?? 0;
      return { total: performance.now() - t0, api: t1 - t0, render };
    }
    await Promise.all([postedit.reload(), app.refreshFacts().catch(() => undefined)]);
    return { total: performance.now() - t0, api: t1 - t0, render: performance.now() - t1 };
  });
  app.undo = () => historyOp('undo');
  app.redo = () => historyOp('redo');
  // A handle for the end-to-end tests and the UI benchmark; it exposes nothing the page cannot already do.
  (window as unknown as { __tandem: unknown }).__tandem = { app, alignment, postedit, facts, undo: app.undo, redo: app.redo };

  const renderStatus = () => {
    const i = app.info;
    clear(status,
      h('span', { class: 'sb-item sb-project' }, i ? i.name : '…'),
      h('span', { class: 'sb-item' }, i ? `annotator: ${i.annotator}` : ''),
      h('span', { class: 'sb-item' }, conn.transport === 'electron' ? 'desktop' : 'browser · 127.0.0.1'),
      h('button', { class: `sb-item sb-btn ${i?.canUndo ? '' : 'off'}`, disabled: !i?.canUndo, title: 'Undo (Ctrl+Z)', 'aria-label': 'Undo', onclick: () => void app.undo(), dataset: { undo: String(!!i?.canUndo) } }, '↶ undo'),
      h('button', { class: `sb-item sb-btn ${i?.canRedo ? '' : 'off'}`, disabled: !i?.canRedo, title: 'Redo (Ctrl+Shift+Z)', 'aria-label': 'Redo', onclick: () => void app.redo(), dataset: { redo: String(!!i?.canRedo) } }, '↷ redo'),
      h('span', { class: 'grow' }),
      app.lastError ? h('button', { class: 'sb-item sb-btn sb-error', title: `${app.lastError} (click to dismiss)`, 'aria-label': `Error: ${app.lastError}. Dismiss`, onclick: () => app.clearError() }, `⚠ ${app.lastError}`) : h('span', { class: 'sb-item muted' }, 'ready'),
      h('button', { class: 'sb-item sb-btn', title: 'Keyboard shortcuts', 'aria-label': 'Keyboard shortcuts', onclick: () => help() }, '? keys'),
    );
  };
  app.on('info', renderStatus);
  app.on('error', renderStatus);
  renderStatus();

  let helpOpen: ReturnType<typeof modal> | null = null;
  const help = () => {
    if (helpOpen && document.querySelector('.help-grid')) {
      helpOpen.close();
      helpOpen = null;
      return;
    }
    const body = h('div', { class: 'help-grid' }, SHORTCUTS.map(([group, keys]) => h('div', { class: 'help-group' },
      h('h4', null, group),
      h('table', null, h('tbody', null, keys.map(([k, what]) => h('tr', null, h('td', null, h('kbd', null, k)), h('td', null, what))))),
    )));
    helpOpen = modal('Keyboard shortcuts', body);
    helpOpen.root.classList.add('help');
  };

  const command = (cmd: string) => {
    if (cmd.startsWith('view:')) {
      const id = cmd.slice(5) as ViewId;
      if (app.views.has(id)) switchTo(id);
    } else if (cmd === 'undo') void app.undo();
    else if (cmd === 'redo') void app.redo();
    else if (cmd === 'export') app.exportDialog();
    else if (cmd === 'find') switchTo('search');
    else if (cmd === 'import-translation' || cmd === 'import') switchTo('project');
    else if (cmd === 'help') help();
  };
  window.tandem?.onCommand?.(command);

  window.addEventListener('keydown', (e) => {
    if (anyModalOpen()) {
      // A dialog owns the keyboard: Esc closes the one on top, every other key goes to it.
      if (e.key === 'Escape') {
        closeTopModal();
        e.preventDefault();
        e.stopPropagation();
      }
      return;
    }
    const ctrl = e.ctrlKey || e.metaKey;
    const typing = isTypingTarget(e.target);
    // Enter and Space on a focused control press it; they are not view shortcuts there.
    // (A button focused by a mouse click leaves Enter to the view, as before.)
    if ((e.key === 'Enter' || e.key === ' ') && !ctrl && !e.altKey && e.target instanceof HTMLElement && e.target.matches(':focus-visible')
      && e.target.closest('button, a[href], [role=button], [role=option], [role=link], input[type=checkbox], input[type=radio], summary')) return;
    if (ctrl && !e.altKey && /^[1-5]$/.test(e.key)) {
      switchTo(ORDER[Number(e.key) - 1]);
    } else if (ctrl && !e.shiftKey && (e.key === 'z' || e.key === 'Z') && !typing) {
      void app.undo();
    } else if (ctrl && ((e.shiftKey && (e.key === 'z' || e.key === 'Z')) || e.key === 'y') && !typing) {
      void app.redo();
    } else if (ctrl && e.key === 'e') {
      app.exportDialog();
    } else if (ctrl && e.key === 'f' && app.current !== 'postedit') {
      switchTo('search');
      (app.views.get('search') as unknown as { focus(): void }).focus();
    } else if (!typing && !ctrl && !e.altKey && e.key === '?') {
      help();
    } else if (!typing && !ctrl && !e.altKey && (e.key === 'f' || e.key === 'F')) {
      const target = app.current === 'alignment' ? alignment.selectionTarget() : app.current === 'postedit' ? postedit.selectionTarget() : null;
      if (!target) {
        if (app.current === 'alignment' || app.current === 'postedit') app.error('Select some text in a pane first, then press F.');
        else return;
      } else app.pickFact(target);
    } else if (app.views.get(app.current)?.onKey?.(e, typing)) {
      // handled by the view
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }, true);

  conn.onEvent((ev) => app.handleEvent(ev));
  await Promise.all([
    app.attempt('Loading the project', () => app.refreshInfo()),
    app.attempt('Loading documents', () => app.refreshDocs()),
    app.attempt('Loading facts', () => app.refreshFacts()),
  ]);
  const fromHash = location.hash.slice(1) as ViewId;
  switchTo(ORDER.includes(fromHash) ? fromHash : 'project');
  document.body.dataset.ready = '1';
}

void boot().catch((err) => {
  const app = document.getElementById('app');
  if (app) app.textContent = `Tandem could not start: ${(err as Error).message}`;
});
