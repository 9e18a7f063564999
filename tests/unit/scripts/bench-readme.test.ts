import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectRows, renderTable } from '../../../scripts/bench-readme.mjs';

const run = { commit: '0123456789abcdef0123456789abcdef01234567', dirty: false, date: '2026-11-29T12:00:00.000Z', node: 'v20.20.2', cpus: 2, loadavg: [1.5, 1, 1] };

describe('the README benchmark table', () => {
  it('takes each workload\'s rows from its own entry, in order, naming data and baseline', () => {
    const table = renderTable({
      workloads: {
        search: { run, readme: [{ workload: 'Search, 300 queries', data: 'synthetic, Zipf', figure: 'p95 9 ms', baseline: 'target p95 ≤ 50 ms' }] },
        align: { run, readme: [{ workload: 'Alignment', data: 'dev set | tuned on', figure: 'F1 0.9', baseline: 'Gale–Church, same run: F1 0.6' }] },
      },
    });
    const lines = table.split('\n');
    expect(lines[0]).toContain('commit 0123456789');
    expect(lines.slice(-2)).toEqual([
      '| Search, 300 queries | synthetic, Zipf | p95 9 ms | target p95 ≤ 50 ms |',
      '| Alignment | dev set \\| tuned on | F1 0.9 | Gale–Church, same run: F1 0.6 |',
    ]);
  });

  it('refuses a row without its data, and a workload whose run failed', () => {
    const { problems } = collectRows({ workloads: { a: { run, readme: [{ workload: 'A', data: '', figure: '1 s' }] }, b: { run, error: 'boom' } } });
    expect(problems).toEqual(['a: row 1 has no data', 'b: the run failed (boom)']);
    expect(() => renderTable({ workloads: { a: { run, readme: [{ workload: 'A', figure: '1 s' }] } } })).toThrow(/row 1 has no data/);
  });

  it('is what the README shows, generated from bench/results/latest.json', () => {
    const root = path.resolve(__dirname, '../../..');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const shown = readme.slice(readme.indexOf('<!-- bench:start -->') + '<!-- bench:start -->'.length, readme.indexOf('<!-- bench:end -->')).trim();
    const results = JSON.parse(fs.readFileSync(path.join(root, 'bench/results/latest.json'), 'utf8'));
    expect(shown).toBe(renderTable(results));
  });
});
