import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TandemError } from '../../common/errors';
import type { WorkbenchEvent } from '../../common/api';
import { openProject, type Db } from '../../db/open';
import { ProjectSession } from '../../core/services/projects';
import { createDemoProject } from '../../core/services/demo';
import { loadLanguageModel } from '../../core/text';
import { startServer } from '../serve/server';
import { annotatorName, need, out, parse } from '../util';

export function rendererRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../out/renderer'), path.resolve(here, '../renderer'), path.resolve(process.cwd(), 'out/renderer')];
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'index.html')));
  if (!found) throw new TandemError('not-found', 'The UI is not built yet. Run "npm run build" first.');
  return found;
}

/** The demo story shipped with the app (resources/demo), from a checkout or an installed package. */
export function demoDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../resources/demo'), path.resolve(here, '../resources/demo'), path.resolve(process.cwd(), 'resources/demo')];
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'no.txt')));
  if (!found) throw new TandemError('not-found', 'The demo story (resources/demo) is missing from this installation; use --create --empty for an empty project.');
  return found;
}

/**
 * Opens the project to serve. With --create, a project that does not exist
 * yet is made, holding the demo story (five articles and their English
 * translations) unless --empty says otherwise; an existing one is opened as it is.
 */
export function openServedProject(file: string, opts: { create?: boolean; empty?: boolean } = {}): { db: Db; created: 'demo' | 'empty' | null } {
  const create = Boolean(opts.create) && !fs.existsSync(file);
  if (!create) return { db: openProject(file), created: null };
  const demo = opts.empty ? null : demoDir();
  const db = openProject(file, { create: true });
  try {
    if (demo) createDemoProject(db, demo);
  } catch (err) {
    db.close();
    fs.rmSync(file, { force: true });
    throw err;
  }
  return { db, created: demo ? 'demo' : 'empty' };
}

export async function serveCommand(argv: string[]): Promise<number> {
  const usage = 'tandem serve PROJECT [--create [--empty]] [--port N] [--annotator NAME] [--server-url URL]';
  const { values, positionals } = parse(argv, { port: { type: 'string' }, annotator: { type: 'string' }, 'server-url': { type: 'string' }, create: { type: 'boolean' }, empty: { type: 'boolean' } }, usage);
  need(positionals, 1, usage);
  const file = positionals[0];
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TandemError('invalid-input', `--port takes a number from 0 to 65535`);
  // The demo story is imported, and import identifies languages: the model must be loaded first.
  if (values.create && !values.empty && !fs.existsSync(file)) await loadLanguageModel();
  const { db, created } = openServedProject(file, { create: Boolean(values.create), empty: Boolean(values.empty) });
  if (created === 'demo') out(`Created ${path.basename(file)} with the demo story: five articles on one event and their English translations.`);
  else if (created === 'empty') out(`Created ${path.basename(file)}, an empty project.`);
  let emit: (e: WorkbenchEvent) => void = () => {};
  // The browser may open the other projects of this folder, or make a new one there, by name.
  const session = new ProjectSession(file, db, {
    annotator: annotatorName(values.annotator),
    mt: { authKey: () => process.env.DEEPL_AUTH_KEY, serverUrl: values['server-url'] ?? process.env.DEEPL_SERVER_URL },
    similarity: {
      url: process.env.TANDEM_EMBEDDINGS_URL || undefined,
      model: process.env.TANDEM_EMBEDDINGS_MODEL || undefined,
      apiKey: () => process.env.TANDEM_EMBEDDINGS_KEY || undefined,
    },
    emit: (e) => emit(e),
    switched: (name) => out(`Now serving ${name}`),
  });
  const server = await startServer({ api: session.api, projects: session, root: rendererRoot(), port });
  emit = server.emit;
  out(`Tandem is serving ${path.basename(file)} at ${server.url}`);
  out('Open that address in a browser on this machine. Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  session.close();
  return 0;
}
