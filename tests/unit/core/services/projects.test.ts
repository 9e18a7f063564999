import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from '../../../../common/api';
import { openProject } from '../../../../db/open';
import { listProjectFiles, ProjectSession, projectFileName } from '../../../../core/services/projects';
import { b64, tempDir } from '../../../support/project';

describe('project names', () => {
  it('makes one file name of a project name, and refuses anything that would reach elsewhere', () => {
    expect(projectFileName('Kari 2024')).toBe('Kari 2024.tandem');
    expect(projectFileName('  flood.tandem ')).toBe('flood.tandem');
    expect(projectFileName('Flom på Vestlandet')).toBe('Flom på Vestlandet.tandem');
    for (const bad of ['', '   ', '../x', 'a/b', 'a\\b', '..', '.hidden', 'x.', 'c:', 'con', 'a\u0000b', 'tab\there', 'x'.repeat(121)]) {
      expect(() => projectFileName(bad), bad).toThrow();
    }
  });
});

describe('the projects of a served folder', () => {
  let dir: string;
  let cleanup: () => void;
  let events: WorkbenchEvent[];
  let session: ProjectSession;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    openProject(path.join(dir, 'older.tandem'), { create: true }).close();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a project');
    fs.writeFileSync(path.join(dir, 'broken.tandem'), 'not a database either');
    fs.mkdirSync(path.join(dir, 'folder.tandem'));
    fs.symlinkSync('/etc/hostname', path.join(dir, 'link.tandem'));
    const file = path.join(dir, 'main.tandem');
    events = [];
    session = new ProjectSession(file, openProject(file, { create: true }), { annotator: 'kari', emit: (e) => events.push(e) });
  });
  afterEach(() => {
    session.close();
    cleanup();
  });

  it('lists regular .tandem files by name only, the open one first', async () => {
    const list = await session.listProjects();
    expect(list.kind).toBe('folder');
    expect(list.folder).toBe(path.basename(dir));
    expect(list.projects[0]).toMatchObject({ id: 'main.tandem', name: 'main.tandem', current: true });
    expect(list.projects.map((p) => p.name).sort()).toEqual(['broken.tandem', 'main.tandem', 'older.tandem']);
    expect(JSON.stringify(list)).not.toContain(dir);
    expect(listProjectFiles(path.join(dir, 'missing'), null)).toEqual([]);
  });

  it('creates a project by name in the folder and switches to it; the API then works on it', async () => {
    await session.api.importArticles([{ name: 'a.txt', base64: b64('Et kort avsnitt om været i dag.\n\nDet regner mye i Bergen.') }], {});
    const entry = await session.createProject('Second try');
    expect(entry).toMatchObject({ name: 'Second try.tandem', current: true });
    expect(fs.existsSync(path.join(dir, 'Second try.tandem'))).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'project', name: 'Second try.tandem' });
    expect(await session.api.listDocuments()).toEqual([]);
    expect((await session.api.projectInfo()).name).toBe('Second try.tandem');
    await expect(session.createProject('Second try')).rejects.toThrow(/exists already/);
    await expect(session.createProject('../escape')).rejects.toThrow(/one file name/);
    expect(fs.existsSync(path.join(dir, '..', 'escape.tandem'))).toBe(false);
  });

  it('opens only what the listing holds, and says why a file cannot be opened without naming the folder', async () => {
    await session.openProject('older.tandem');
    expect(session.name).toBe('older.tandem');
    for (const id of ['../main.tandem', 'notes.txt', 'link.tandem', 'folder.tandem', path.join(dir, 'main.tandem'), 'nothing.tandem']) {
      await expect(session.openProject(id), id).rejects.toThrow(/no project/);
    }
    const err = (await session.openProject('broken.tandem').catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/^broken\.tandem is not a Tandem project/);
    expect(err.message).not.toContain(dir);
    // A project that cannot be opened leaves the open one open.
    expect(session.name).toBe('older.tandem');
    expect(await session.api.listDocuments()).toEqual([]);
  });

  it('refuses to switch while a call is still running on the open project', async () => {
    session.close();
    const file = path.join(dir, 'main.tandem');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const begun = new Promise<void>((r) => (started = r));
    // A translation engine that answers only when the test lets it.
    const provider = {
      name: 'held',
      async translate(req: { texts: string[] }) {
        started();
        await gate;
        return req.texts.map((t) => ({ text: `[en] ${t}`, detectedSourceLang: 'nb', billedCharacters: t.length }));
      },
      usage: async () => ({ characterCount: 0, characterLimit: null }),
      sourceLanguages: async () => [{ code: 'nb', name: 'Norwegian' }],
      targetLanguages: async () => [{ code: 'EN-US', name: 'English' }],
      ensureGlossary: async () => 'g',
    };
    session = new ProjectSession(file, openProject(file), { annotator: 'kari', mt: { provider } });
    await session.api.importArticles([{ name: 'a.txt', base64: b64('Et kort avsnitt om været i dag.\n\nDet regner mye i Bergen.') }], {});
    const translating = session.api.translate({});
    await begun;
    await expect(session.openProject('older.tandem')).rejects.toThrow(/still working/);
    await expect(session.createProject('meanwhile')).rejects.toThrow(/still working/);
    expect(fs.existsSync(path.join(dir, 'meanwhile.tandem'))).toBe(false);
    release();
    expect((await translating).documents).toHaveLength(1);
    await expect(session.openProject('older.tandem')).resolves.toMatchObject({ name: 'older.tandem' });
  });
});
