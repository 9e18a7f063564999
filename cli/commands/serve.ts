import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TandemError } from '../../common/errors';
import type { WorkbenchEvent } from '../../common/api';
import { openProject } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { startServer } from '../serve/server';
import { annotatorName, need, out, parse } from '../util';

export function rendererRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../out/renderer'), path.resolve(here, '../renderer'), path.resolve(process.cwd(), 'out/renderer')];
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'index.html')));
  if (!found) throw new TandemError('not-found', 'The UI is not built yet. Run "npm run build" first.');
  return found;
}

export async function serveCommand(argv: string[]): Promise<number> {
  const usage = 'tandem serve PROJECT [--port N] [--annotator NAME] [--server-url URL]';
  const { values, positionals } = parse(argv, { port: { type: 'string' }, annotator: { type: 'string' }, 'server-url': { type: 'string' }, create: { type: 'boolean' } }, usage);
  need(positionals, 1, usage);
  const file = positionals[0];
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TandemError('invalid-input', `--port takes a number from 0 to 65535`);
  const create = Boolean(values.create) && !fs.existsSync(file);
  const db = openProject(file, { create });
  let emit: (e: WorkbenchEvent) => void = () => {};
  const api = createWorkbench(db, {
    name: path.basename(file),
    annotator: annotatorName(values.annotator),
    mt: { authKey: () => process.env.DEEPL_AUTH_KEY, serverUrl: values['server-url'] ?? process.env.DEEPL_SERVER_URL },
    similarity: {
      url: process.env.TANDEM_EMBEDDINGS_URL || undefined,
      model: process.env.TANDEM_EMBEDDINGS_MODEL || undefined,
      apiKey: () => process.env.TANDEM_EMBEDDINGS_KEY || undefined,
    },
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
