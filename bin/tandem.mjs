#!/usr/bin/env node
// The installed `tandem` command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { main, reportEscapedErrors } = await import(pathToFileURL(path.join(here, '..', 'cli', 'index.ts')).href);
reportEscapedErrors();
process.exitCode = await main(process.argv.slice(2));
