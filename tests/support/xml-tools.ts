/**
 * Detects and runs the external XML tools the format tests cross-check
 * against: xmllint (libxml2-utils) and the Python translate-toolkit. Each
 * check reports `undefined` when the tool is missing so tests can skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The TMX 1.4b DTD shipped with the shared bench data, if present next to the checkout. */
export function tmxDtdPath(): string | undefined {
  const p = resolve(repoRoot, '../shared/bench-data/tmx/tmx14.dtd');
  return existsSync(p) ? p : undefined;
}

function run(cmd: string, args: string[], input?: string) {
  return spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
}

let xmllint: boolean | undefined;
export function hasXmllint(): boolean {
  if (xmllint === undefined) {
    const r = run('xmllint', ['--version']);
    xmllint = !r.error && r.status === 0;
  }
  return xmllint;
}

/** Writes `content` to a fresh temporary file, calls `fn` with its path and removes it afterwards. */
export function withTempFile<T>(name: string, content: string, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-formats-'));
  const path = join(dir, name);
  writeFileSync(path, content, 'utf8');
  try {
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ToolResult {
  ok: boolean;
  output: string;
}

/** Validates a file against a DTD with xmllint; never touches the network. */
export function xmllintDtdValid(path: string, dtd: string): ToolResult {
  // --path lets a DOCTYPE that names the DTD by file name ("tmx14.dtd") find it too.
  const r = run('xmllint', ['--noout', '--nonet', '--path', dirname(dtd), '--dtdvalid', dtd, path]);
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** Well-formedness check with xmllint. */
export function xmllintWellFormed(path: string): ToolResult {
  const r = run('xmllint', ['--noout', '--nonet', path]);
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

let translatePython: string | null | undefined;

/**
 * A Python interpreter that can import translate-toolkit. The first
 * `python3` on PATH may be a different installation (e.g. a version
 * manager's), so the interpreter named in the shebang of the toolkit's own
 * scripts is tried as well.
 */
export function translateToolkitPython(): string | undefined {
  if (translatePython !== undefined) return translatePython ?? undefined;
  const candidates = ['python3'];
  for (const script of ['po2tmx', 'xliff2po', 'pocount']) {
    const which = run('sh', ['-c', `command -v ${script}`]);
    const path = which.status === 0 ? which.stdout.trim() : '';
    if (!path) continue;
    try {
      const first = readFileSync(path, 'utf8').split('\n', 1)[0] ?? '';
      const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
      if (m) candidates.push(m[1]!.endsWith('/env') && m[2] ? m[2] : m[1]!);
    } catch {
      /* unreadable script: try the next one */
    }
  }
  translatePython = null;
  for (const py of [...new Set(candidates)]) {
    const r = run(py, ['-c', 'import translate.storage.tmx, translate.storage.xliff']);
    if (!r.error && r.status === 0) {
      translatePython = py;
      break;
    }
  }
  return translatePython ?? undefined;
}

const READ_TMX = `
import json, sys
from translate.storage import tmx
store = tmx.tmxfile(open(sys.argv[1], 'rb'), sys.argv[2], sys.argv[3])
print(json.dumps([{"source": u.source, "target": u.target} for u in store.units]))
`;

/** Units as translate-toolkit's TMX reader sees them. */
export function translateToolkitReadTmx(path: string, srcLang: string, tgtLang: string): { source: string; target: string }[] | undefined {
  const py = translateToolkitPython();
  if (!py) return undefined;
  const r = run(py, ['-c', READ_TMX, path, srcLang, tgtLang]);
  if (r.status !== 0) throw new Error(`translate-toolkit failed to read the TMX:\n${r.stderr}`);
  return JSON.parse(r.stdout) as { source: string; target: string }[];
}

const READ_XLIFF = `
import json, sys
from translate.storage import xliff
store = xliff.xlifffile(open(sys.argv[1], 'rb'))
print(json.dumps([{"source": u.source, "target": u.target} for u in store.units]))
`;

/**
 * Units as translate-toolkit's XLIFF reader sees them. Older toolkit
 * releases only model XLIFF 1.x; `error` carries their complaint.
 */
export function translateToolkitReadXliff(path: string): { units?: { source: string; target: string }[]; error?: string } | undefined {
  const py = translateToolkitPython();
  if (!py) return undefined;
  const r = run(py, ['-c', READ_XLIFF, path]);
  if (r.status !== 0) return { error: r.stderr.trim().split('\n').slice(-1)[0] ?? 'failed' };
  return { units: JSON.parse(r.stdout) as { source: string; target: string }[] };
}

/** Whether translate-toolkit has a dedicated XLIFF 2 store (added in later releases). */
export function translateToolkitHasXliff2(): boolean {
  const py = translateToolkitPython();
  if (!py) return false;
  return run(py, ['-c', 'import translate.storage.xliff2']).status === 0;
}

const READ_TMX_ALL = `
import json, sys
from translate.storage import tmx
store = tmx.tmxfile(open(sys.argv[1], 'rb'))
print(json.dumps([{"source": u.source, "target": u.target} for u in store.units]))
`;

/**
 * Units of a multilingual TMX as translate-toolkit reads them without a
 * language pair: the first two variants of each <tu>.
 */
export function translateToolkitReadTmxUnits(path: string): { source: string; target: string }[] | undefined {
  const py = translateToolkitPython();
  if (!py) return undefined;
  const r = run(py, ['-c', READ_TMX_ALL, path]);
  if (r.status !== 0) throw new Error(`translate-toolkit failed to read the TMX:\n${r.stderr}`);
  return JSON.parse(r.stdout) as { source: string; target: string }[];
}

let omegatJar: string | null | undefined;

/** OmegaT's jar (Debian's omegat package) and a Java runtime, if both are installed. */
export function omegatAvailable(): string | undefined {
  if (omegatJar === undefined) {
    const jar = '/usr/share/omegat/OmegaT.jar';
    omegatJar = existsSync(jar) && run('java', ['-version']).status === 0 ? jar : null;
  }
  return omegatJar ?? undefined;
}

/**
 * Translates plain-text files with OmegaT, headless, using `tmx` as an
 * auto-applied memory (tm/auto): exactly what a translator does to reuse
 * a memory. Text is segmented at line breaks (one paragraph per line), not
 * into sentences. Returns the translated files' contents by name, and
 * OmegaT's count of segments left untranslated.
 */
export function omegatTranslate(
  sources: Record<string, string>,
  tmx: string,
  srcLang: string,
  tgtLang: string,
): { targets: Record<string, string>; remaining: number; log: string } | undefined {
  const jar = omegatAvailable();
  if (!jar) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tandem-omegat-'));
  try {
    for (const sub of ['source', 'target', 'tm/auto', 'glossary', 'dictionary', 'omegat']) mkdirSync(join(dir, sub), { recursive: true });
    for (const [name, text] of Object.entries(sources)) writeFileSync(join(dir, 'source', name), text, 'utf8');
    writeFileSync(join(dir, 'tm/auto/memory.tmx'), tmx, 'utf8');
    writeFileSync(
      join(dir, 'omegat.project'),
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>${srcLang}</source_lang>
    <target_lang>${tgtLang}</target_lang>
    <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`,
    );
    writeFileSync(
      join(dir, 'omegat/filters.xml'),
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters>
  <filter className="org.omegat.filters2.text.TextFilter" enabled="true">
    <files sourceFilenameMask="*.txt" targetFilenamePattern="\${filename}" sourceEncoding="UTF-8" targetEncoding="UTF-8"/>
    <option name="segmentOn" value="BREAKS"/>
  </filter>
</filters>
`,
    );
    const r = spawnSync('java', ['-Djava.awt.headless=true', `-Duser.home=${dir}`, '-jar', jar, dir, '--mode=console-translate'], { encoding: 'utf8', timeout: 180_000 });
    const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.status !== 0) throw new Error(`OmegaT failed (${r.status}):\n${log.slice(-2000)}`);
    const targets: Record<string, string> = {};
    for (const name of Object.keys(sources)) targets[name] = readFileSync(join(dir, 'target', name), 'utf8');
    const stats = readFileSync(join(dir, 'omegat/project_stats.txt'), 'utf8');
    const remaining = Number(/^Remaining:\s+(\d+)/m.exec(stats)?.[1] ?? NaN);
    return { targets, remaining, log };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
