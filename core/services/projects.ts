import fs from 'node:fs';
import path from 'node:path';
import { TandemError } from '../../common/errors';
import type { ProjectEntry, ProjectList, ProjectsApi, WorkbenchApi, WorkbenchEvent } from '../../common/api';
import { openProject, type Db, type OpenOptions } from '../../db/open';
import { createWorkbench, type WorkbenchOptions } from './workbench';

export const PROJECT_EXTENSION = '.tandem';

/** Longest project name, without the extension. */
const MAX_NAME = 120;

/**
 * The file name a person's project name stands for in the folder: the name
 * and ".tandem". A name is one file name, nothing more: no folder separators,
 * no "." or ".." and nothing starting with a dot, no control characters or
 * characters Windows refuses in file names.
 */
export function projectFileName(name: string): string {
  const raw = String(name ?? '').normalize('NFC').trim();
  const stem = raw.toLowerCase().endsWith(PROJECT_EXTENSION) ? raw.slice(0, -PROJECT_EXTENSION.length).trim() : raw;
  if (!stem) throw new TandemError('invalid-input', 'Give the project a name.');
  // eslint-disable-next-line no-control-regex
  if (/[/\\:*?"<>|\u0000-\u001f\u007f]/.test(stem)) throw new TandemError('invalid-input', `A project name is one file name: leave out / \\ : * ? " < > | (in "${stem}").`);
  if (stem.startsWith('.')) throw new TandemError('invalid-input', 'A project name cannot start with a dot.');
  if (/[. ]$/.test(stem)) throw new TandemError('invalid-input', 'A project name cannot end with a dot or a space.');
  if ([...stem].length > MAX_NAME) throw new TandemError('invalid-input', `A project name can have at most ${MAX_NAME} characters.`);
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem)) throw new TandemError('invalid-input', `"${stem}" is a name Windows reserves; choose another.`);
  return stem + PROJECT_EXTENSION;
}

/** The projects in a folder: regular files ending in .tandem (links are not followed), newest first. */
export function listProjectFiles(folder: string, current: string | null): ProjectEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const out: ProjectEntry[] = [];
  for (const name of names) {
    if (!name.toLowerCase().endsWith(PROJECT_EXTENSION) || name.startsWith('.')) continue;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(path.join(folder, name));
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    // A project open for writing keeps its latest changes in the write-ahead log beside it.
    let size = stat.size;
    let modified = stat.mtime;
    try {
      const wal = fs.lstatSync(path.join(folder, `${name}-wal`));
      if (wal.isFile()) {
        size += wal.size;
        if (wal.mtime > modified) modified = wal.mtime;
      }
    } catch {
      /* no log: the file holds everything */
    }
    out.push({ id: name, name, current: name === current, sizeBytes: size, modifiedAt: modified.toISOString() });
  }
  return out.sort((a, b) => Number(b.current) - Number(a.current) || (b.modifiedAt ?? '').localeCompare(a.modifiedAt ?? '') || a.name.localeCompare(b.name));
}

/** A message about a file in the folder, with the folder taken out: the browser sees file names only. */
function withoutFolder(err: unknown, folder: string): unknown {
  if (!(err instanceof TandemError)) return err;
  const message = err.message.split(folder + path.sep).join('').split(folder).join('the projects folder');
  return new TandemError(err.kind, message, err.details);
}

export interface ProjectSessionOptions extends Omit<WorkbenchOptions, 'name' | 'file'> {
  /** The language model and the like, before a project is opened (imports need it). */
  open?: (file: string, opts: OpenOptions & { readonly?: false }) => Db;
  /** After a switch, with the new project's name. */
  switched?: (name: string) => void;
}

/**
 * The project `tandem serve` has open, and the others of its folder. The
 * browser names a project by its file name only: a new one is made in the
 * folder, an existing one is opened from the folder's listing, and nothing
 * else on the machine can be reached. Switching waits for no one: while a
 * call is still running on the open project (an import, a translation, an
 * export), it is refused, so no job is cut off half-way.
 */
export class ProjectSession implements ProjectsApi {
  private db: Db;
  private workbench: ReturnType<typeof createWorkbench>;
  private file: string;
  private readonly folder: string;
  private running = 0;

  constructor(file: string, db: Db, private readonly opts: ProjectSessionOptions) {
    this.file = path.resolve(file);
    this.folder = path.dirname(this.file);
    this.db = db;
    this.workbench = this.make(db, this.file);
    this.api = this.counted();
  }

  /** The API of the open project, whichever that is now. */
  readonly api: WorkbenchApi;

  get name(): string {
    return path.basename(this.file);
  }

  get currentDb(): Db {
    return this.db;
  }

  private make(db: Db, file: string): ReturnType<typeof createWorkbench> {
    const { open: _open, switched: _switched, ...rest } = this.opts;
    return createWorkbench(db, { ...rest, name: path.basename(file), file });
  }

  /** Forwards every call to the open project's workbench, counting the calls still running. */
  private counted(): WorkbenchApi {
    return new Proxy({} as WorkbenchApi, {
      get: (_t, method: string) => {
        const fn = (this.workbench as unknown as Record<string, unknown>)[method];
        if (typeof fn !== 'function') return fn;
        return async (...args: unknown[]) => {
          this.running++;
          try {
            return await (fn as (...a: unknown[]) => Promise<unknown>).apply(this.workbench, args);
          } finally {
            this.running--;
          }
        };
      },
    });
  }

  async listProjects(): Promise<ProjectList> {
    return { kind: 'folder', folder: path.basename(this.folder), projects: listProjectFiles(this.folder, this.name) };
  }

  async createProject(name: string): Promise<ProjectEntry> {
    const fileName = projectFileName(name);
    const target = path.join(this.folder, fileName);
    if (fs.existsSync(target)) throw new TandemError('conflict', `A project called ${fileName} exists already; open it from the list, or choose another name.`);
    this.refuseWhileBusy();
    let db: Db;
    try {
      db = this.opts.open ? this.opts.open(target, { create: true }) : openProject(target, { create: true });
    } catch (err) {
      throw withoutFolder(err, this.folder);
    }
    return this.switchTo(target, db);
  }

  async openProject(id: string): Promise<ProjectEntry> {
    const fileName = path.basename(String(id ?? ''));
    const entry = listProjectFiles(this.folder, this.name).find((p) => p.id === fileName && fileName === String(id));
    if (!entry) throw new TandemError('not-found', `There is no project "${String(id)}" in this folder; the list shows the ones there are.`);
    if (entry.current) return entry;
    this.refuseWhileBusy();
    let db: Db;
    try {
      db = this.opts.open ? this.opts.open(path.join(this.folder, fileName), {}) : openProject(path.join(this.folder, fileName));
    } catch (err) {
      throw withoutFolder(err, this.folder);
    }
    return this.switchTo(path.join(this.folder, fileName), db);
  }

  private refuseWhileBusy(): void {
    if (this.running > 0) {
      throw new TandemError('conflict', `${this.name} is still working (an import, a translation, an alignment or an export). Wait for it, or stop it, before you open another project.`);
    }
  }

  private switchTo(file: string, db: Db): ProjectEntry {
    const old = this.db;
    this.db = db;
    this.file = file;
    this.workbench = this.make(db, file);
    old.close();
    this.opts.switched?.(this.name);
    this.opts.emit?.({ type: 'project', name: this.name } satisfies WorkbenchEvent);
    return listProjectFiles(this.folder, this.name).find((p) => p.current) ?? { id: this.name, name: this.name, current: true, sizeBytes: null, modifiedAt: null };
  }

  close(): void {
    this.db.close();
  }
}
