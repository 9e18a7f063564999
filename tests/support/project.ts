import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openProject, type Db } from '../../db/open';

/** A fresh temp directory, removed by the returned cleanup. */
export function tempDir(prefix = 'tandem-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function memoryProject(): Db {
  return openProject(':memory:', { create: true });
}

export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): string[] {
  return Object.entries(files).map(([name, content]) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  });
}

/** Text as the base64 an uploaded file travels in. */
export function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
