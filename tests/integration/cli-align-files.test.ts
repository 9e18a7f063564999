import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBeads } from '../../core/align/beads-format';
import { runCli } from '../support/cli';
import { tempDir, writeFiles } from '../support/project';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  writeFiles(dir, {
    'nb.txt': 'Ferja gikk på grunn ved Måløy.\nAlle 48 passasjerer ble reddet.\nBildetekst: Ferja ved kai.\n',
    'en.txt': 'The ferry ran aground near Måløy.\nAll 48 passengers were rescued.\n',
    'gold.beads': '[0]:[0]\n[1]:[1]\n[2]:[]\n',
    'test.beads': '[0]:[0]\n[1]:[1]\n[2]:[]\n',
    'worse.beads': '[0]:[0]\n[1, 2]:[1]\n',
  });
});
afterAll(() => cleanup());

describe('tandem align-files and tandem score', () => {
  it('aligns two files and scores the result by both rule sets', async () => {
    const r = await runCli('align-files', path.join(dir, 'nb.txt'), path.join(dir, 'en.txt'));
    expect(r.code).toBe(0);
    const beads = parseBeads(r.stdout);
    expect(beads[0]).toMatchObject({ src: [0], tgt: [0] });
    expect(beads.flatMap((b) => b.src)).toEqual([0, 1, 2]);
    expect(beads.flatMap((b) => b.tgt)).toEqual([0, 1]);
    expect(beads.every((b) => typeof b.confidence === 'number')).toBe(true);
    const s = await runCli('score', path.join(dir, 'gold.beads'), path.join(dir, 'worse.beads'));
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/^Bleualign's rules/);
    expect(s.stdout).toMatch(/linked beads only/);
    const json = await runCli('score', path.join(dir, 'gold.beads'), path.join(dir, 'test.beads'), '--rules', 'bleualign', '--json');
    // The null bead [2]:[] is in the gold, so it is a hit by Bleualign's rules.
    expect(JSON.parse(json.stdout)).toMatchObject({ rules: 'bleualign', testBeads: 3, goldBeads: 2, strict: { precision: 1, recall: 1 } });
  });

  it('refuses bad options with a message, not a stack trace', async () => {
    const r = await runCli('align-files', path.join(dir, 'nb.txt'), path.join(dir, 'en.txt'), '--threads', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--threads/);
    const s = await runCli('score', path.join(dir, 'gold.beads'), path.join(dir, 'test.beads'), '--rules', 'other');
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/unknown rules/);
  });
});
