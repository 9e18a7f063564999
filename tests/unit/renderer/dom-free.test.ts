import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../../..');

/** The renderer's models: state and logic a view renders, with no DOM, so that they run and are tested in Node. */
const MODELS = [
  'renderer/src/alignment/session.ts',
  'renderer/src/alignment/echoes.ts',
  'renderer/src/alignment/rows.ts',
  'renderer/src/alignment/segments.ts',
  'renderer/src/alignment/evidence.ts',
  'renderer/src/alignment/segment-edit.ts',
  'renderer/src/storymap/layout.ts',
  'renderer/src/storymap/curves.ts',
  'renderer/src/links.ts',
  'renderer/src/commands.ts',
  'common/commands.ts',
  'common/keys.ts',
];

describe('the renderer models', () => {
  it('compile without the DOM library and without node types', () => {
    const program = ts.createProgram(MODELS.map((f) => path.join(repo, f)), {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      isolatedModules: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${path.relative(repo, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    // Each model is reached, with everything it imports.
    const files = program.getSourceFiles().map((f) => path.relative(repo, f.fileName)).filter((f) => !f.startsWith('node_modules'));
    for (const m of MODELS) expect(files).toContain(m);
    expect(files.filter((f) => f.startsWith('renderer/') && !MODELS.includes(f))).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);
});
