import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TandemError } from '../../common/errors';
import type { WorkbenchEvent } from '../../common/api';
import { openProject } from '../../db/open';
import { createDemoProject } from '../../core/services/demo';
import { createWorkbench } from '../../core/services/workbench';
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

/** The demo story (resources/demo), from the sources or from the built command line. */
export function demoRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../resources/demo'), path.resolve(process.cwd(), 'resources/demo')];
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'no.txt')));
  if (!found) throw new TandemError('not-found', 'The demo story (resources/demo) is not here.');
  return found;
}

export async function serveCommand(argv: string[]): Promise<number> {
  const usage = 'tandem serve PROJECT [--port N] [--annotator NAME] [--server-url URL] [--create | --demo]';
  const { values, positionals } = parse(
    argv,
    { port: { type: 'string' }, annotator: { type: 'string' }, 'server-url': { type: 'string' }, create: { type: 'boolean' }, demo: { type: 'boolean' } },
    usage,
  );
  need(positionals, 1, usage);
  const file = positionals[0];
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TandemError('invalid-input', `--port takes a number from 0 to 65535`);
  // --demo: a project that does not exist yet is created with the demo story, as the desktop app does on first launch.
  const create = Boolean(values.create || values.demo) && !fs.existsSync(file);
  if (create) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = openProject(file, { create });
  if (create && values.demo) {
    try {
      await loadLanguageModel();
      createDemoProject(db, demoRoot());
    } catch (err) {
      db.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
      throw err;
    }
  }
  let emit: (e: WorkbenchEvent) => void = () => {};
  const api = createWorkbench(db, {
    name: path.basename(file),
    annotator: annotatorName(values.annotator),
    mt: { authKey: () => process.env.DEEPL_AUTH_KEY, serverUrl: values['server-url'] ?? process.env.DEEPL_SERVER_URL },
    emit: (e) => emit(e),
  });
  const server = await startServer({ api, root: rendererRoot(), port });
  emit = server.emit;
  out(`Tandem is serving ${path.basename(file)} at ${server.url}`);
  out('Open that address in a browser on this machine. Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  db.close();
  return 0;
}
