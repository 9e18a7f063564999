import './styles.css';
import { monaco } from './monaco';
import { command as commandSpec, keySections, type CommandId } from '../../common/commands';
import { ariaKey, formatKey } from '../../common/keys';
import { connect } from './api';
import { App, type View, type ViewId } from './app';
import { AlignmentPanel } from './views/alignment';
import { annotatorLabel, ProjectPanel } from './views/project';
import { SearchPanel } from './views/search';
import { FactsPanel } from './views/facts';
import { PostEditPanel } from './views/postedit';
import { StoryMapPanel } from './views/storymap';
import { openExportDialog } from './views/export';
import { anyModalOpen, clear, closeTopModal, h, isTypingTarget, modal, toast } from './ui';
import { jobDetail, jobLabel, jobPercent } from './jobs';

const ORDER: ViewId[] = ['project', 'alignment', 'facts', 'search', 'postedit', 'storymap'];
const VIEW_COMMANDS: Record<ViewId, CommandId> = { project: 'view.project', alignment: 'view.alignment', facts: 'view.facts', search: 'view.search', postedit: 'view.postedit', storymap: 'view.storymap' };
const LABELS: Record<ViewId, [string, string]> = {
  project: ['Project', '▤'],
  alignment: ['Alignment', '⇆'],
  facts: ['Facts', '◆'],
  search: ['Search', '⌕'],
  postedit: ['Post-edit', '✎'],
  storymap: ['Story map', '⋔'],
};

async function boot(): Promise<void> {
  const conn = connect();
  const app = new App(conn);
  const alignment = new AlignmentPanel(app);
  const postedit = new PostEditPanel(app);
  const facts = new FactsPanel(app);
  const storymap = new StoryMapPanel(app);
  const views: View[] = [new ProjectPanel(app), alignment, facts, new SearchPanel(app), postedit, storymap];
  for (const v of views) app.views.set(v.id, v);

  const rail = h('nav', { class: 'rail', 'aria-label': 'Views' });
  const main = h('main', { class: 'content' });
  const status = h('footer', { class: 'statusbar' });
  const root = document.getElementById('app')!;
  clear(root, h('div', { class: 'shell' }, rail, main), status);

  for (const id of ORDER) {
    const v = app.views.get(id)!;
    v.el.hidden = true;
    main.append(v.el);
    v.el.setAttribute('aria-label', LABELS[id][0]);
    // A view takes focus when it is opened from the keyboard, so that its own keys work at once.
    v.el.tabIndex = -1;
    const key = commandSpec(VIEW_COMMANDS[id]).keys[0];
    rail.append(h('button', { class: 'rail-btn', dataset: { view: id }, title: `${LABELS[id][0]} (${formatKey(key)})`, 'aria-keyshortcuts': ariaKey(key), onclick: () => app.show(id) },
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
    // An error belongs to the view it happened in: the status bar follows the view on screen.
    renderStatus();
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
  app.openStoryMap = async (story) => {
    switchTo('storymap');
    await storymap.showStory(story);
  };
  app.openInPostEdit = async (docId, paragraph) => {
    switchTo('postedit');
    await postedit.open(docId, paragraph);
  };
  app.exportDialog = () => openExportDialog(app, alignment.exportDefaults());
  let reloading = false;
  app.projectSwitched = () => {
    // Everything on screen belonged to the project open before: the window starts again on the new one.
    if (reloading) return;
    reloading = true;
    document.body.dataset.switching = '1';
    history.replaceState(null, '', `${location.pathname}${location.search}#project`);
    location.reload();
  };
  const historyOp = (which: 'undo' | 'redo') => app.serial(async () => {
    const t0 = performance.now();
    // The server announces the change with the number undo returns: that event is this window's own.
    const r = await app.echoes.around(async () => {
      const result = await app.attempt(which === 'undo' ? 'Undo' : 'Redo', () => app.api[which]());
      app.echoes.own(result?.seq);
      return result;
    });
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
    // Facts, post-edits or segmentation changed: their views, and the project's counts, are read again
    // (the documents too: a pair whose segmentation changed is opened again when they come).
    await Promise.all([postedit.reload(), app.refreshFacts().catch(() => undefined), app.refreshInfo().catch(() => undefined), app.refreshDocs().catch(() => undefined)]);
    return { total: performance.now() - t0, api: t1 - t0, render: performance.now() - t1 };
  });
  app.undo = () => historyOp('undo');
  app.redo = () => historyOp('redo');
  // A handle for the end-to-end tests and the UI benchmark; it exposes nothing the page cannot already do.
  (window as unknown as { __tandem: unknown }).__tandem = {
    app, alignment, postedit, facts, storymap, undo: app.undo, redo: app.redo,
    /** Live editors and models, for the leak tests. */
    monacoStats: () => ({ editors: monaco.editor.getEditors().length, models: monaco.editor.getModels().length }),
  };

  function renderStatus(): void {
    const i = app.info;
    clear(status,
      h('span', { class: 'sb-item sb-project' }, i ? i.name : '…'),
      h('span', { class: 'sb-item' }, i ? annotatorLabel(i.annotator) : ''),
      h('span', { class: 'sb-item' }, conn.transport === 'electron' ? 'desktop' : 'browser · 127.0.0.1'),
      h('button', { class: `sb-item sb-btn ${i?.canUndo ? '' : 'off'}`, disabled: !i?.canUndo, title: 'Undo (Ctrl+Z)', 'aria-label': 'Undo', onclick: () => void app.undo(), dataset: { undo: String(!!i?.canUndo) } }, '↶ undo'),
      h('button', { class: `sb-item sb-btn ${i?.canRedo ? '' : 'off'}`, disabled: !i?.canRedo, title: 'Redo (Ctrl+Shift+Z)', 'aria-label': 'Redo', onclick: () => void app.redo(), dataset: { redo: String(!!i?.canRedo) } }, '↷ redo'),
      h('span', { class: 'grow' }),
      runningJob(),
      app.lastError ? h('button', { class: 'sb-item sb-btn sb-error', title: `${app.lastError} (click to dismiss)`, 'aria-label': `Error: ${app.lastError}. Dismiss`, onclick: () => app.clearError() }, `⚠ ${app.lastError}`) : h('span', { class: 'sb-item muted' }, 'ready'),
      h('button', { class: 'sb-item sb-btn', title: 'Keyboard shortcuts', 'aria-label': 'Keyboard shortcuts', onclick: () => help() }, '? keys'),
    );
  }
  /**
   * A job under way, from any view: what it is, how far it is, and Stop. The
   * element stays while the job runs and only its text changes, so a click on
   * Stop is never lost to a progress event arriving between press and release.
   */
  const jobText = h('span', { class: 'sb-job-text' });
  const jobStop = h('button', { class: 'sb-btn sb-stop' }, 'stop');
  const jobItem = h('span', { class: 'sb-item sb-job', role: 'status' }, jobText, jobStop);
  let stopping: number | null = null;
  jobStop.addEventListener('click', () => {
    const j = app.lastJob;
    if (!j || j.status !== 'running') return;
    stopping = j.id;
    updateJob();
    void app.attempt('Stopping the job', () => app.api.cancelJob(j.id));
  });
  function updateJob(): void {
    const j = app.lastJob;
    const running = !!j && j.status === 'running';
    jobItem.hidden = !running;
    if (!j || !running) return;
    jobItem.dataset.job = String(j.id);
    jobText.textContent = `${jobLabel(j.kind)} ${Math.round(jobPercent(j))}% · ${jobDetail(j)} `;
    const label = `Stop the ${jobLabel(j.kind).toLowerCase()}`;
    jobStop.title = `${label}; what is done is kept`;
    jobStop.setAttribute('aria-label', label);
    jobStop.disabled = stopping === j.id;
    jobStop.textContent = stopping === j.id ? 'stopping…' : 'stop';
  }
  function runningJob(): HTMLElement {
    updateJob();
    return jobItem;
  }
  app.on('info', renderStatus);
  app.on('error', renderStatus);
  app.on('job', updateJob);
  renderStatus();

  let helpOpen: ReturnType<typeof modal> | null = null;
  const help = () => {
    if (helpOpen && document.querySelector('.help-grid')) {
      helpOpen.close();
      helpOpen = null;
      return;
    }
    // The same table the keys run from, the README shows and the menus are built from.
    const body = h('div', { class: 'help-grid' }, keySections().map((section) => h('div', { class: 'help-group' },
      h('h4', null, section.title),
      h('table', null, h('tbody', null, section.rows.map((r) => h('tr', { dataset: r.id ? { command: r.id } : {} }, h('td', null, h('kbd', null, r.keys)), h('td', null, r.help))))),
    )));
    helpOpen = modal('Keyboard shortcuts', body);
    helpOpen.root.classList.add('help');
  };

  // The commands that act everywhere; each view registers its own.
  const attach = () => {
    const target = app.current === 'alignment' ? alignment.selectionTarget() : app.current === 'postedit' ? postedit.selectionTarget() : null;
    if (target) app.pickFact(target);
    else if (app.current === 'alignment' || app.current === 'postedit') app.error('Select some text in a pane first, then press F.');
    else return false;
    return true;
  };
  const commands = app.commands;
  for (const id of ORDER) commands.register(VIEW_COMMANDS[id], () => switchTo(id));
  commands.register('file.importTranslation', () => switchTo('project'));
  commands.register('file.export', () => app.exportDialog());
  commands.register('edit.undo', () => void app.undo());
  commands.register('edit.redo', () => void app.redo());
  commands.register('edit.find', (ctx) => {
    // In post-editing, Ctrl+F is the editor's own find.
    if (ctx.source === 'key' && app.current === 'postedit') return false;
    switchTo('search');
    (app.views.get('search') as unknown as { focus(): void }).focus();
  });
  commands.register('facts.attach', () => attach());
  commands.register('help.keys', () => help());

  // Menu commands (desktop app) run through the same table; a view's command first shows its view.
  window.tandem?.onCommand?.((id) => {
    if (anyModalOpen()) return;
    let scope: string;
    try {
      scope = commandSpec(id as CommandId).scope;
    } catch {
      return;
    }
    if (scope !== 'global' && scope !== app.current && app.views.has(scope as ViewId)) switchTo(scope as ViewId);
    commands.run(id, { view: app.current, typing: false, target: document.activeElement });
  });

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
    // Enter and Space on a focused control press it; they are not view shortcuts there.
    // (A button focused by a mouse click leaves Enter to the view, as before.)
    if ((e.key === 'Enter' || e.key === ' ') && !ctrl && !e.altKey && e.target instanceof HTMLElement && e.target.matches(':focus-visible')
      && e.target.closest('button, a[href], [role=button], [role=option], [role=link], input[type=checkbox], input[type=radio], summary')) return;
    if (!commands.handleKey(e, { view: app.current, typing: isTypingTarget(e.target), target: e.target })) return;
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
