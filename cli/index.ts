import { describeError, warn } from './util';
import { importCommand, importTranslationCommand, initCommand, listCommand, searchCommand, setLangCommand, showCommand } from './commands/project';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  init: { run: initCommand, help: 'init FILE                         create a project (one SQLite file)' },
  import: { run: importCommand, help: 'import PROJECT FILE|DIR...        import articles (txt, md, html)' },
  'import-translation': { run: importTranslationCommand, help: 'import-translation PROJECT --of DOC FILE   attach an existing translation' },
  list: { run: listCommand, help: 'list PROJECT [--json]             list documents' },
  show: { run: showCommand, help: 'show PROJECT DOC [--json]         print a document\'s numbered paragraphs' },
  search: { run: searchCommand, help: 'search PROJECT QUERY [--lang xx]  full-text search in every language' },
  'set-lang': { run: setLangCommand, help: 'set-lang PROJECT DOC LANG         correct a document\'s language' },
};

export function registerCommand(name: string, run: Command, help: string): void {
  COMMANDS[name] = { run, help };
}

function printHelp(): void {
  process.stdout.write('usage: tandem COMMAND ...\n\n');
  for (const c of Object.values(COMMANDS)) process.stdout.write(`  tandem ${c.help}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
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
    const { message, code } = describeError(err);
    warn(`tandem ${name}: ${message}`);
    return code;
  }
}

const isEntry = process.argv[1] && /cli[\\/]index\.[cm]?[jt]s$|bin[\\/]tandem/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      warn(String(err?.stack ?? err));
      process.exitCode = 70;
    },
  );
}
