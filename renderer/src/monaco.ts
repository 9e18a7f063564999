import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
// Monaco's icon font (the diff editor's +/- and revert arrows). The package's exports map has no
// entry for stylesheets, so it is reached by path; Vite emits codicon.ttf as a local asset.
import '../../node_modules/monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.css';

// The worker is bundled with the app: the diff editor computes in it, and nothing is fetched at run time.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ckb']);

export function isRtl(lang: string | undefined | null): boolean {
  return !!lang && RTL.has(lang.toLowerCase().split(/[-_]/)[0]);
}

export const MONO_FONT = 'ui-monospace, "Cascadia Mono", Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

/**
 * Above this many characters in a pane, measuring every wrapped line in the
 * DOM takes most of a second, so the pane uses a monospace font, whose line
 * breaks Monaco computes arithmetically.
 */
export const FAST_WRAP_CHARS = 250_000;

export function wrapOptions(chars: number): monaco.editor.IEditorOptions {
  return chars > FAST_WRAP_CHARS
    ? { wrappingStrategy: 'simple', fontFamily: MONO_FONT, fontSize: 13 }
    : { wrappingStrategy: 'advanced', fontFamily: PROSE_FONT, fontSize: 14 };
}

export const PROSE_FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif';

/** Options for reading and editing prose rather than code. */
export function proseOptions(extra: monaco.editor.IStandaloneEditorConstructionOptions = {}): monaco.editor.IStandaloneEditorConstructionOptions {
  return {
    automaticLayout: true,
    wordWrap: 'on',
    wrappingIndent: 'none',
    // Proportional fonts need the measuring ("advanced") wrapper; very long documents switch to monospace (see fastWrap).
    wrappingStrategy: 'advanced',
    wordBasedSuggestions: 'off',
    quickSuggestions: false,
    suggestOnTriggerCharacters: false,
    parameterHints: { enabled: false },
    unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
    minimap: { enabled: false },
    fontFamily: PROSE_FONT,
    fontSize: 14,
    lineHeight: 21,
    renderLineHighlight: 'none',
    scrollBeyondLastLine: false,
    occurrencesHighlight: 'off',
    selectionHighlight: false,
    renderWhitespace: 'none',
    folding: false,
    glyphMargin: false,
    lineDecorationsWidth: 6,
    lineNumbersMinChars: 4,
    links: false,
    contextmenu: false,
    stickyScroll: { enabled: false },
    guides: { indentation: false },
    matchBrackets: 'never',
    // Prose has no bracket pairs worth colouring, and parsing them costs every redraw of a long text.
    bracketPairColorization: { enabled: false },
    renderControlCharacters: false,
    overviewRulerLanes: 0,
    hideCursorInOverviewRuler: true,
    scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10, alwaysConsumeMouseWheel: true },
    padding: { top: 4, bottom: 4 },
    accessibilitySupport: 'off',
    ...extra,
  };
}

// Inline codes of imported memories are one placeholder character each (⟦ opens, ⟧ closes, ⬚ stands
// alone; see core/formats/codes.ts). Every prose pane is a plaintext model, so a tokenizer for
// plaintext marks them as tokens in all panes without each view doing anything.
monaco.languages.setMonarchTokensProvider('plaintext', {
  tokenizer: { root: [[/[\u27E6\u27E7\u2B1A]/, 'inline-code'], [/[^\u27E6\u27E7\u2B1A]+/, '']] },
});

monaco.editor.defineTheme('tandem', {
  base: 'vs',
  inherit: true,
  rules: [{ token: 'inline-code', foreground: '8a3fb5', fontStyle: 'bold' }],
  colors: {
    'editor.background': '#ffffff',
    'editorLineNumber.foreground': '#9aa3ad',
    'editorLineNumber.activeForeground': '#3b4650',
    'editor.selectionBackground': '#b9d4f5',
    'editor.inactiveSelectionBackground': '#dbe6f3',
    'editorCursor.foreground': '#1f5fbf',
    // Paragraph-wide tints stay faint so that the changed words stand out.
    'diffEditor.insertedLineBackground': '#f0fbf2',
    'diffEditor.removedLineBackground': '#fdf2f2',
    'diffEditor.insertedTextBackground': '#34b55a55',
    'diffEditor.removedTextBackground': '#e5534b55',
  },
});
monaco.editor.setTheme('tandem');
