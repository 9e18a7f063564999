import { describeError, HelpRequested, warn } from './util';

type Command = (argv: string[]) => Promise<number>;

// Each command's module is loaded when the command runs: `tandem align-files` then starts without
// loading the server, the MT clients and the parsers, which take most of a start.
const project = () => import('./commands/project');
const translate = () => import('./commands/translate');
const align = () => import('./commands/align');
const alignFiles = () => import('./commands/align-files');
const score = () => import('./commands/score');
const serve = () => import('./commands/serve');
const interchange = () => import('./commands/interchange');
const facts = () => import('./commands/facts');
const collab = () => import('./commands/collab');
const segmentation = () => import('./commands/segmentation');

const COMMANDS: Record<string, { run: Command; help: string }> = {
  init: { run: async (argv) => (await project()).initCommand(argv), help: 'init FILE                                   create a project (one SQLite file)' },
  import: { run: async (argv) => (await project()).importCommand(argv), help: 'import PROJECT FILE|DIR|URL... [--collection S] import articles (txt, md, html, mhtml, web addresses)' },
  'import-translation': { run: async (argv) => (await project()).importTranslationCommand(argv), help: 'import-translation PROJECT --of DOC FILE     attach an existing translation' },
  list: { run: async (argv) => (await project()).listCommand(argv), help: 'list PROJECT [--json]                       list documents' },
  show: { run: async (argv) => (await project()).showCommand(argv), help: 'show PROJECT DOC [--json]                   print a document\'s numbered paragraphs' },
  search: { run: async (argv) => (await project()).searchCommand(argv), help: 'search PROJECT QUERY [--lang xx]            full-text search in every language' },
  'set-lang': { run: async (argv) => (await project()).setLangCommand(argv), help: 'set-lang PROJECT DOC LANG                   correct a document\'s language' },
  'accept-lang': { run: async (argv) => (await project()).acceptLangCommand(argv), help: 'accept-lang PROJECT DOC|--all               take the language DeepL detected for an unsure document' },
  'set-title': { run: async (argv) => (await project()).setTitleCommand(argv), help: 'set-title PROJECT DOC "TITLE"               rename a document' },
  abbreviations: { run: async (argv) => (await project()).abbreviationsCommand(argv), help: 'abbreviations PROJECT LANG [WORD...]        words like "avd." that do not end a sentence' },
  sentences: { run: async (argv) => (await segmentation()).sentencesCommand(argv), help: 'sentences PROJECT DOC [--paragraph N]       a document\'s numbered sentences' },
  split: { run: async (argv) => (await segmentation()).splitCommand(argv), help: 'split PROJECT DOC --paragraph N --before T  split a paragraph in two (--sentence: a sentence)' },
  'split-sentence': { run: async (argv) => (await segmentation()).splitCommand(argv, true), help: 'split-sentence PROJECT DOC --paragraph N    split a sentence (--before T or --at OFFSET)' },
  'merge-paragraphs': { run: async (argv) => (await segmentation()).mergeParagraphsCommand(argv), help: 'merge-paragraphs PROJECT DOC --paragraph N  merge paragraph N with the next' },
  'merge-sentences': { run: async (argv) => (await segmentation()).mergeSentencesCommand(argv), help: 'merge-sentences PROJECT DOC --paragraph N   join sentences the splitter cut (--after T)' },
  translate: { run: async (argv) => (await translate()).translateCommand(argv), help: 'translate PROJECT [--to EN-US] [--dry-run]  machine-translate originals (DeepL)' },
  usage: { run: async (argv) => (await translate()).usageCommand(argv), help: 'usage PROJECT                               DeepL characters used and limit' },
  align: { run: async (argv) => (await align()).alignCommand(argv), help: 'align PROJECT DOC_A DOC_B [--level ...]     align two documents, store suggestions' },
  'align-story': { run: async (argv) => (await align()).alignStoryCommand(argv), help: 'align-story PROJECT [--collection S]        links between all articles of a story (one job)' },
  'story-map': { run: async (argv) => (await align()).storyMapCommand(argv), help: 'story-map PROJECT [--collection S] [--json]  articles side by side: links, clusters, facts' },
  similarity: { run: async (argv) => (await align()).similarityCommand(argv), help: 'similarity PROJECT [--url U --model M]      optional embeddings server for semantic similarity' },
  'align-files': { run: async (argv) => (await alignFiles()).alignFilesCommand(argv), help: 'align-files SRC TGT [--src-mt F]            align two one-segment-per-line files' },
  score: { run: async (argv) => (await score()).scoreCommand(argv), help: 'score GOLD TEST                             strict and lax P/R/F1 of two bead files' },
  export: { run: async (argv) => (await interchange()).exportCommand(argv), help: 'export PROJECT --format F --pair A B --out P  TMX, XLIFF, Moses, TSV or JSONL' },
  'import-aligned': { run: async (argv) => (await interchange()).importAlignedCommand(argv), help: 'import-aligned PROJECT FILE [--tgt FILE]    bring in an aligned TMX/XLIFF/Moses/TSV/JSONL' },
  facts: { run: async (argv) => (await facts()).factsCommand(argv), help: 'facts add|list|grid|rename|suggest|accept|export PROJECT  the catalogue of shared facts' },
  merge: { run: async (argv) => (await collab()).mergeCommand(argv), help: 'merge A B --out MERGED                      merge two annotators\' copies' },
  agreement: { run: async (argv) => (await collab()).agreementCommand(argv), help: 'agreement PROJECT --a NAME --b NAME         inter-annotator agreement' },
  undo: { run: async (argv) => (await project()).undoCommand(argv), help: 'undo PROJECT                                undo the last change (links, edits, facts)' },
  redo: { run: async (argv) => (await project()).undoCommand(argv, true), help: 'redo PROJECT                                redo what was undone' },
  stats: { run: async (argv) => (await project()).statsCommand(argv), help: 'stats PROJECT [--json]                      what the project holds' },
  serve: { run: async (argv) => (await serve()).serveCommand(argv), help: 'serve PROJECT [--create [--empty]] [--port N]  the workbench UI in a browser, on 127.0.0.1 (--create: a new project with the demo story)' },
};

function printHelp(): void {
  process.stdout.write('usage: tandem COMMAND ...\n\n');
  for (const c of Object.values(COMMANDS)) process.stdout.write(`  tandem ${c.help}\n`);
}

/** --verbose anywhere on the command line: errors come with their stack trace. */
let verbose = false;

export async function main(args: string[]): Promise<number> {
  verbose = args.includes('--verbose');
  const argv = args.filter((a) => a !== '--verbose');
  const [name, ...rest] = argv;
  if (name === 'help' && rest[0] && COMMANDS[rest[0]]) return main([rest[0], '--help']);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    warn(`tandem: unknown command "${name}"; "tandem help" lists them`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof HelpRequested) {
      process.stdout.write(`${err.message}\n`);
      return 0;
    }
    const { message, code } = describeError(err, { verbose });
    warn(`tandem ${name}: ${message}`);
    return code;
  }
}

/** For the process running the CLI: an error that escapes every command (an event handler, a thread) is still one line. */
export function reportEscapedErrors(): void {
  const report = (err: unknown) => {
    warn(`tandem: ${describeError(err, { verbose }).message}`);
    process.exit(70);
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}

const isEntry = process.argv[1] && /cli[\\/]index\.[cm]?[jt]s$/.test(process.argv[1]);
if (isEntry) {
  reportEscapedErrors();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      warn(`tandem: ${describeError(err, { verbose }).message}`);
      process.exitCode = 70;
    },
  );
}
