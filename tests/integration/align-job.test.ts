import { afterEach, describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from '../../common/api';
import type { JobInfo } from '../../common/types';
import type { Db } from '../../db/open';
import { createWorkbench } from '../../core/services/workbench';
import { syntheticParallel } from '../../bench/align';
import { b64, memoryProject } from '../support/project';

// Two long "translations" of each other (our own pseudo-language text, one paragraph per line),
// aligned at paragraph level in parallel mode: a job on worker threads as soon as the pair has
// more segments than the threshold, which the tests set low.
const { src, tgt } = syntheticParallel(700, 21);

let db: Db | undefined;
afterEach(() => db?.close());

async function project(backgroundFrom: number) {
  db = memoryProject();
  const events: WorkbenchEvent[] = [];
  const api = createWorkbench(db, { name: 'long.tandem', annotator: 'kari', emit: (e) => events.push(e), align: { backgroundFrom, threads: 2 } });
  const opts = { collection: 'long', paragraphs: 'line' as const };
  const a = (await api.importArticles([{ name: 'a.txt', base64: b64(src.join('\n')) }], { ...opts, lang: 'nb' })).files[0].docId!;
  const b = (await api.importArticles([{ name: 'b.txt', base64: b64(tgt.join('\n')) }], { ...opts, lang: 'nl' })).files[0].docId!;
  const jobs = (): JobInfo[] => events.flatMap((e) => (e.type === 'job' && e.job.kind === 'align' ? [e.job] : []));
  return { api, a, b, jobs };
}

const pairs = (links: Array<{ a: number[]; b: number[]; confidence: number }>) => links.map((l) => `${l.a.join('+')}:${l.b.join('+')}@${l.confidence}`);

describe('a long parallel alignment as a job', () => {
  it('runs on worker threads with progress, and gives the links of the alignment on this thread', async () => {
    const inline = await project(1e9);
    const here = await inline.api.align(inline.a, inline.b, { mode: 'parallel' });
    expect(here.jobId).toBeUndefined();
    expect(inline.jobs()).toEqual([]);
    db!.close();
    db = undefined;

    const { api, a, b, jobs } = await project(100);
    let finished = false;
    const pending = api.align(a, b, { mode: 'parallel' }).finally(() => (finished = true));
    // The process keeps answering while the threads align.
    expect((await api.listDocuments()).length).toBe(2);
    expect(finished).toBe(false);
    const view = await pending;
    expect(view.jobId).toBeGreaterThan(0);
    expect(view.stopped).toBeUndefined();
    expect(pairs(view.links)).toEqual(pairs(here.links));
    expect(view.links.length).toBeGreaterThan(600);
    const seen = jobs();
    expect(seen.every((j) => j.id === view.jobId)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ status: 'done', done: 100 });
    expect(seen.some((j) => j.status === 'running')).toBe(true);
    expect((await api.listJobs()).find((j) => j.id === view.jobId)).toMatchObject({ kind: 'align', status: 'done' });
    // Undone as one step, as an alignment on this thread is: the alignment this call made goes with its links.
    expect((await api.undo()).done).toBe(true);
    expect(await api.getAlignment(a, b, 'paragraph', 'parallel')).toBeNull();
    expect((await api.listAlignments()).filter((x) => x.docA === a && x.docB === b)).toEqual([]);
  });

  it('stops when cancelled, leaving the links as they were, and can run again', async () => {
    const { api, a, b, jobs } = await project(100);
    const first = await api.align(a, b, { mode: 'parallel' });
    // Confirm one link, then re-align and stop the job as soon as it reports.
    await api.editLinks(first.id, { op: 'confirm', linkIds: [first.links[3].id] });
    const before = (await api.getAlignment(a, b, 'paragraph', 'parallel'))!.links;
    let cancelled: Promise<boolean> | undefined;
    const running = api.realign(first.id);
    const wait = setInterval(() => {
      const j = jobs().find((x) => x.id !== first.jobId && x.status === 'running');
      if (j && !cancelled) cancelled = api.cancelJob(j.id);
    }, 5);
    const view = await running;
    clearInterval(wait);
    expect(await cancelled).toBe(true);
    expect(view.stopped).toMatch(/stopped by the user/);
    expect(pairs(view.links)).toEqual(pairs(before));
    expect(jobs().findLast((j) => j.id === view.jobId)).toMatchObject({ status: 'interrupted' });
    expect(await api.cancelJob(view.jobId!)).toBe(false);
    const again = await api.realign(first.id);
    expect(again.stopped).toBeUndefined();
    expect(again.links.find((l) => l.status === 'confirmed')).toMatchObject({ a: first.links[3].a, b: first.links[3].b });
  });

  it('aligns the sentences inside aligned paragraphs on the threads as on this thread', async () => {
    // Paragraphs of three lines, so that each paragraph pair holds several sentences.
    const grouped = (lines: string[]) => Array.from({ length: Math.ceil(lines.length / 3) }, (_, k) => lines.slice(3 * k, 3 * k + 3).join(' ')).join('\n\n');
    const views: string[][] = [];
    for (const backgroundFrom of [1e9, 100]) {
      db = memoryProject();
      const api = createWorkbench(db, { name: 's.tandem', annotator: 'kari', align: { backgroundFrom, threads: 2 } });
      const opts = { collection: 'long', paragraphs: 'blank-line' as const };
      const a = (await api.importArticles([{ name: 'a.txt', base64: b64(grouped(src)) }], { ...opts, lang: 'nb' })).files[0].docId!;
      const b = (await api.importArticles([{ name: 'b.txt', base64: b64(grouped(tgt)) }], { ...opts, lang: 'nl' })).files[0].docId!;
      await api.align(a, b, { mode: 'parallel', level: 'paragraph' });
      const view = await api.align(a, b, { mode: 'parallel', level: 'sentence' });
      expect(view.jobId === undefined).toBe(backgroundFrom > 1e6);
      views.push(pairs(view.links));
      db.close();
      db = undefined;
    }
    expect(views[0].length).toBeGreaterThan(400);
    expect(views[1]).toEqual(views[0]);
  });
});
