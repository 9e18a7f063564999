/**
 * Child process of the exports benchmark: reads a TMX with one reader and
 * prints the unit count, so the parent can measure this process alone.
 *   stream FILE  the streaming reader (saxes events, one unit in memory at a time)
 *   tree FILE    the reader Tandem had before (whole document as a tree)
 */
import fs from 'node:fs';
import { readAlignedFile } from '../core/services/import-aligned';
import { readTmx as readTmxTree } from './baselines/dom-reader/tmx';

const [mode, file] = process.argv.slice(2);
if (!file) throw new Error('usage: exports-read.ts stream|tree FILE');
if (mode === 'stream') {
  const pair = await readAlignedFile(file, 'tmx');
  process.stdout.write(`${pair.units.length}\n`);
} else {
  const pair = readTmxTree(fs.readFileSync(file));
  process.stdout.write(`${pair.units.length}\n`);
}
