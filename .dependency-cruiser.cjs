/**
 * The layering rules of docs/architecture: dependencies point one way,
 *   common <- db <- core <- { main, cli },  common <- renderer,  common <- main/preload,
 * and each outside library with a runtime of its own stays in the one layer
 * that owns it. `npm run check` runs this over every source folder.
 */
const SOURCES = '^(common|db|core|main|cli|renderer)/';
const TOOLS = '^(tests|bench|scripts)/';

/** A rule that forbids `from` importing anything that matches `to`. */
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

module.exports = {
  forbidden: [
    forbid('common-is-pure', 'common/ holds types and pure code for every process: no node, no DOM libraries, no other layer', { path: '^common/' }, { pathNot: '^common/' }),
    forbid('db-below-core', 'db/ sees common/ only (and better-sqlite3)', { path: '^db/' }, { path: `^(core|main|cli|renderer)/|${TOOLS}` }),
    forbid('core-below-shells', 'core/ sees db/ and common/, never the shells, the UI or the tools', { path: '^core/' }, { path: `^(main|cli|renderer)/|${TOOLS}` }),
    forbid('cli-not-main', 'cli/ and main/ are siblings on top of core/: what both need belongs in core/ or common/', { path: '^cli/' }, { path: `^(main|renderer)/|${TOOLS}` }),
    forbid('main-not-cli', 'main/ and cli/ are siblings on top of core/: what both need belongs in core/ or common/', { path: '^main/' }, { path: `^(cli|renderer)/|${TOOLS}` }),
    forbid('preload-sees-common', 'the sandboxed preload sees common/ and electron only', { path: '^main/preload/' }, { pathNot: '^(common|main/preload)/|^node_modules/electron/' }),
    forbid('renderer-sees-common', 'the renderer talks to WorkbenchApi only: common/ and browser libraries, nothing of node', { path: '^renderer/' }, { path: `^(db|core|main|cli)/|${TOOLS}` }),
    forbid('renderer-no-node', 'the renderer runs in a browser: no node built-ins', { path: '^renderer/' }, { dependencyTypes: ['core'] }),
    forbid('align-is-pure', 'core/align/ is the pure alignment engine: common/ only, no I/O', { path: '^core/align/' }, { pathNot: '^(common|core/align)/' }),
    forbid('formats-are-pure', 'core/formats/ are pure codecs: common/ only, no I/O', { path: '^core/formats/' }, { pathNot: '^(common|core/formats)/' }),
    forbid('only-db-opens-sqlite', 'only db/ imports better-sqlite3', { pathNot: '^db/' }, { path: '^node_modules/better-sqlite3/' }),
    forbid('sql-stays-in-db', 'statements are prepared and identifiers spliced in db/ only: other layers call db/queries', { path: SOURCES, pathNot: '^db/' }, { path: '^db/(statements|sql)\\.ts$' }),
    forbid('only-mt-calls-deepl', 'only core/mt/ imports deepl-node', { pathNot: '^core/mt/' }, { path: '^node_modules/deepl-node/' }),
    forbid('only-main-uses-electron', 'only main/ imports electron', { pathNot: '^main/' }, { path: '^node_modules/electron/' }),
    forbid('sources-not-tools', 'application code never imports tests, benchmarks or scripts', { path: SOURCES }, { path: TOOLS }),
    forbid('resolvable', 'every import resolves to a file or a package', { path: SOURCES }, { couldNotResolve: true, pathNot: '\\?worker$|\\.css$' }),
    // A circle closed only by `import type` loads nothing at run time and is allowed.
    forbid('no-cycles', 'modules of the application do not import each other in a circle', { path: SOURCES }, { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } }),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|native|node_modules)/' },
    tsPreCompilationDeps: true,
    // node_modules may be a link (a copy of the tree borrowing a checkout's packages): paths stay as written.
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
