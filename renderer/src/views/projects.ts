import type { ProjectEntry, ProjectList } from '../../../common/api';
import type { App } from '../app';
import { clear, fmtInt, h, modal, toast } from '../ui';

function size(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MB`;
  return `${fmtInt(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

function when(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })} ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
}

/**
 * The projects dialog. In the browser it lists the projects of the folder the
 * served project is in and makes new ones there by name (the server never
 * takes a path from the page). In the desktop app it lists recent projects and
 * opens the system's dialogs for new and other ones. Opening one loads the
 * window again for it.
 */
export async function openProjectsDialog(app: App, opts: { focusNew?: boolean } = {}): Promise<void> {
  const list = await app.attempt('Listing the projects', () => app.conn.projects.listProjects());
  if (!list) return;
  const body = h('div', { class: 'projects' });
  let dlg: ReturnType<typeof modal> | null = null;
  const busy = (on: boolean) => {
    for (const b of body.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')) b.disabled = on;
    body.classList.toggle('busy', on);
  };
  const opened = (entry: unknown) => {
    if (!entry) {
      busy(false);
      return;
    }
    const name = typeof entry === 'string' ? entry : (entry as ProjectEntry).name;
    dlg?.close();
    toast(`Opening ${name}…`, 'info');
    app.projectSwitched(name);
  };
  const open = async (p: ProjectEntry) => {
    if (p.current) {
      dlg?.close();
      return;
    }
    busy(true);
    opened(await app.attempt('Opening the project', () => app.conn.projects.openProject(p.id)));
  };
  const rows = (l: ProjectList) => l.projects.length
    ? h('table', { class: 'docs projects-table' },
      h('thead', null, h('tr', null, h('th', null, 'Project'), h('th', { class: 'num' }, 'Size'), h('th', null, 'Changed'), h('th', null, ''))),
      h('tbody', null, l.projects.map((p) => h('tr', { class: p.current ? 'current' : '', dataset: { project: p.name } },
        h('td', { class: 'title' }, p.name, p.current ? h('span', { class: 'pill' }, 'open') : null),
        h('td', { class: 'num muted' }, size(p.sizeBytes)),
        h('td', { class: 'muted nowrap' }, when(p.modifiedAt)),
        h('td', { class: 'actions' }, p.current ? null : h('button', { class: 'tb', dataset: { op: 'open-project' }, 'aria-label': `Open ${p.name}`, onclick: () => void open(p) }, 'Open')),
      ))))
    : h('div', { class: 'muted' }, l.kind === 'desktop' ? 'No recent projects.' : 'No projects here yet.');

  let first: HTMLElement | undefined;
  if (list.kind === 'folder') {
    const name = h('input', { type: 'text', placeholder: 'e.g. Flood 2024', autocomplete: 'off', spellcheck: false, 'aria-label': 'Name of the new project', id: 'new-project-name' });
    const create = h('button', { class: 'primary', dataset: { op: 'create-project' } }, 'Create and open');
    const error = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const go = async () => {
      const n = name.value.trim();
      if (!n) {
        error.textContent = 'Give the new project a name.';
        error.hidden = false;
        name.focus();
        return;
      }
      busy(true);
      try {
        const entry = await app.conn.projects.createProject(n);
        opened(entry);
      } catch (err) {
        busy(false);
        error.textContent = (err as Error).message;
        error.hidden = false;
        name.focus();
      }
    };
    create.addEventListener('click', () => void go());
    name.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        void go();
      }
    });
    name.addEventListener('input', () => (error.hidden = true));
    clear(body,
      h('p', { class: 'muted small projects-where' }, `The projects in the folder “${list.folder ?? ''}”, where the project open now is. Each is one file; a browser opens them by name only.`),
      rows(list),
      h('h4', null, 'New project'),
      h('div', { class: 'row' }, h('label', { class: 'rl', for: 'new-project-name' }, 'Name'), name, create),
      h('div', { class: 'muted small' }, 'Made in the same folder as an empty project (name.tandem); then import articles into it.'),
      error,
    );
    first = opts.focusNew ? name : body.querySelector<HTMLElement>('[data-op=open-project]') ?? name;
  } else {
    clear(body,
      h('h4', null, 'Recent projects'),
      rows(list),
      h('div', { class: 'row' },
        h('button', { dataset: { op: 'open-other' }, onclick: async () => { busy(true); opened(await app.attempt('Opening the project', () => app.conn.projects.openProject())); } }, 'Open another…'),
        h('button', { class: 'primary', dataset: { op: 'create-project' }, onclick: async () => { busy(true); opened(await app.attempt('Creating the project', () => app.conn.projects.createProject())); } }, 'New project…')),
    );
    first = body.querySelector<HTMLElement>(opts.focusNew ? '[data-op=create-project]' : '[data-op=open-project]') ?? undefined;
  }
  dlg = modal('Projects', body, [], { initialFocus: first, className: 'projects-dialog' });
}
