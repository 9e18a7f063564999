import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cli/index.ts');

export interface ChildRun {
  child: ChildProcess;
  /** Resolves when the process ends, with what it printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; endedAt: number }>;
  startedAt: number;
}

/** Runs `tandem ...` as a real separate process, as a second terminal would. */
export function tandemProcess(args: string[], env: NodeJS.ProcessEnv = {}): ChildRun {
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; endedAt: number }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr, endedAt: Date.now() }));
  });
  return { child, done, startedAt };
}

/** Small articles of made-up sentences, each different, for imports in bulk. */
export function syntheticArticles(count: number, prefix: string, seed = 1, minParagraphs = 3): Record<string, string> {
  const subjects = ['The council', 'A spokesperson', 'The fire service', 'Local residents', 'The minister', 'Researchers', 'The company', 'Police'];
  const verbs = ['said on', 'confirmed on', 'announced on', 'denied on', 'reported on', 'warned on'];
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  const objects = ['that the bridge would close', 'that the budget had grown', 'that nobody was hurt', 'a new inquiry', 'that talks would resume', 'that the road was open again'];
  let s = seed >>> 0;
  const next = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const paragraphs = minParagraphs + next(3);
    const lines = [`${prefix} report number ${i + 1}`];
    for (let p = 0; p < paragraphs; p++) {
      lines.push(`${subjects[next(subjects.length)]} ${verbs[next(verbs.length)]} ${days[next(days.length)]} ${objects[next(objects.length)]}, item ${i + 1}.${p + 1}.`);
    }
    files[`${prefix}-${String(i).padStart(5, '0')}.txt`] = lines.join('\n');
  }
  return files;
}
