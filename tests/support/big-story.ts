/**
 * A long story for scale tests: `articles` English reports of `paragraphs`
 * paragraphs each, made from a small vocabulary of our own, where every
 * seventh paragraph reports one of a run of shared facts (a name, a number, a
 * place), so that the articles link to each other along their whole length.
 * Deterministic.
 */
import type { WorkbenchApi } from '../../common/api';
import { b64 } from './project';
import { rng } from './random';

const WORDS = 'the of and to in on at for with from by was were had has said after before during storm wind rain coast harbour ferry road bridge power line crew council mayor police night morning evening people homes schools roads repairs company workers residents weather warning damage water snow ice trees roofs cars boats'.split(' ');
const NAMES = ['Halvorsen', 'Okonkwo', 'Lindqvist', 'Marchetti', 'Nakamura', 'Villanueva', 'Brennan', 'Kowalczyk'];
const PLACES = ['Bryne', 'Larvik', 'Moss', 'Hamar', 'Florø', 'Vadsø'];


function sentence(rand: () => number): string {
  const n = 7 + Math.floor(rand() * 12);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]);
  const s = out.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

export function bigArticle(seed: number, paragraphs: number): string {
  const rand = rng(seed);
  const lines: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    const parts = [sentence(rand)];
    if (i % 7 === 0) {
      const f = Math.floor(i / 7);
      parts.push(`${NAMES[f % NAMES.length]} said ${1000 + f * 13} people were moved from ${PLACES[f % PLACES.length]}.`);
    }
    if (rand() < 0.5) parts.push(sentence(rand));
    lines.push(parts.join(' '));
  }
  return lines.join('\n');
}

/** Imports the long story into a project; returns the documents' ids. */
export async function importBigStory(api: WorkbenchApi, story: string, articles = 5, paragraphs = 1000): Promise<number[]> {
  const ids: number[] = [];
  for (let k = 0; k < articles; k++) {
    const rep = await api.importArticles([{ name: `${story}-${k + 1}.txt`, base64: b64(bigArticle(100 + k, paragraphs)) }], { collection: story, lang: 'en', paragraphs: 'line' });
    if (rep.files[0].status !== 'imported') throw new Error(`${story}-${k + 1}: ${rep.files[0].reason ?? rep.files[0].status}`);
    ids.push(rep.files[0].docId!);
  }
  return ids;
}
