#!/usr/bin/env node
// The installed `tandem` command: runs the built command line (out/cli/index.js,
// made by `npm run build`), plain JavaScript with no loader.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'out', 'cli', 'index.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('tandem: the command line is not built; run "npm run build" in the Tandem folder first.\n');
  process.exit(70);
}
// Output piped into a reader that stops early (`tandem list | head`) ends the command quietly.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main, reportEscapedErrors } = await import(pathToFileURL(entry).href);
reportEscapedErrors();
process.exitCode = await main(process.argv.slice(2));
