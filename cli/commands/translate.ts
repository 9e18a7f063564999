import { TandemError } from '../../common/errors';
import type { TranslateOptions } from '../../common/api';
import { getOrCreateAnnotator } from '../../db/queries/documents';
import { AlignService } from '../../core/services/align';
import { History } from '../../core/services/history';
import { parseGlossaryTsv, TranslateService, type Glossary } from '../../core/services/translate';
import { baseLang } from '../../core/text';
import { readRegularFile } from '../../core/services/import';
import { progressBar } from '../progress';
import { annotatorName, need, out, parse, printJson, warn, withProjectAsync } from '../util';

const FORMALITY = ['default', 'more', 'less', 'prefer_more', 'prefer_less'];

function mtConfig(serverUrl: unknown, requestTimeoutMs?: number) {
  return { authKey: () => process.env.DEEPL_AUTH_KEY, serverUrl: (serverUrl as string | undefined) ?? process.env.DEEPL_SERVER_URL, requestTimeoutMs };
}

function seconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new TandemError('invalid-input', `${flag} takes a number of seconds, such as 30`);
  return Math.round(n * 1000);
}

export async function translateCommand(argv: string[]): Promise<number> {
  const usage = 'tandem translate PROJECT [--to EN-US] [--doc DOC...] [--formality more|less|...] [--glossary FILE.tsv --glossary-from LANG] [--server-url URL] [--timeout SECONDS] [--deadline SECONDS] [--no-wait] [--dry-run] [--json]';
  const { values, positionals } = parse(argv, {
    to: { type: 'string' },
    doc: { type: 'string', multiple: true },
    formality: { type: 'string' },
    glossary: { type: 'string' },
    'glossary-from': { type: 'string' },
    'server-url': { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    annotator: { type: 'string' },
    timeout: { type: 'string' },
    deadline: { type: 'string' },
    'no-wait': { type: 'boolean' },
  }, usage);
  const requestTimeoutMs = seconds(values.timeout, '--timeout');
  const deadlineMs = seconds(values.deadline, '--deadline');
  need(positionals, 1, usage);
  if (values.formality && !FORMALITY.includes(values.formality)) throw new TandemError('invalid-input', `--formality takes ${FORMALITY.join(', ')}`);
  return withProjectAsync(positionals[0], async (db) => {
    const annotatorId = getOrCreateAnnotator(db, annotatorName(values.annotator));
    const aligner = new AlignService(db, new History(db, () => annotatorId), () => annotatorId);
    const service = new TranslateService(db, mtConfig(values['server-url'], requestTimeoutMs), aligner);
    let glossary: Glossary | undefined;
    if (values.glossary) {
      let text: string;
      try {
        text = readRegularFile(values.glossary).toString('utf8');
      } catch (err) {
        throw err instanceof TandemError ? new TandemError(err.kind, `glossary ${values.glossary}: ${err.message}`) : err;
      }
      const entries = parseGlossaryTsv(text);
      const from = values['glossary-from'];
      if (!from) throw new TandemError('invalid-input', '--glossary needs --glossary-from LANG, the language of its first column');
      glossary = { sourceLang: baseLang(from), entries };
    }
    const bar = values.json || values['dry-run'] ? null : progressBar('translating');
    const controller = new AbortController();
    const onSigint = () => {
      warn('\nstopping after the requests in flight; what was translated is kept');
      controller.abort();
    };
    process.once('SIGINT', onSigint);
    try {
      const opts: TranslateOptions & { glossary?: Glossary } = {
        to: values.to,
        docs: values.doc,
        formality: values.formality as TranslateOptions['formality'],
        dryRun: values['dry-run'],
        glossary,
      };
      const summary = await service.translate({
        ...opts,
        signal: controller.signal,
        wait: !values['no-wait'],
        deadlineMs,
        onNotice: (message) => warn(`${bar ? '\n' : ''}${message}`),
        onProgress: (job) => bar?.update(job.done, job.total, `paragraphs, ${job.chars}/${job.totalChars} characters`),
      });
      bar?.finish();
      if (values.json) printJson(summary);
      else if (values['dry-run']) {
        out(`would bill ${summary.wouldBill ?? 0} characters; ${summary.cachedCharacters ?? 0} characters already cached; ${summary.cached} paragraphs need no request`);
      } else {
        for (const d of summary.documents) out(`doc ${d.original} → ${d.translation === null ? 'incomplete' : `doc ${d.translation}`} (${d.paragraphs} paragraphs)`);
        out(`${summary.paragraphs} paragraphs translated, ${summary.cached} from cache, ${summary.billedCharacters} characters billed, ${summary.requests} requests`);
      }
      if (summary.stopped) {
        warn(`stopped: ${summary.stopped}`);
        return 1;
      }
      return 0;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  });
}

export async function usageCommand(argv: string[]): Promise<number> {
  const usage = 'tandem usage PROJECT [--server-url URL] [--json]';
  const { values, positionals } = parse(argv, { 'server-url': { type: 'string' }, json: { type: 'boolean' } }, usage);
  need(positionals, 1, usage);
  return withProjectAsync(positionals[0], async (db) => {
    const annotatorId = getOrCreateAnnotator(db, annotatorName(undefined));
    const service = new TranslateService(db, mtConfig(values['server-url']), new AlignService(db, new History(db, () => annotatorId), () => annotatorId));
    const status = await service.status();
    if (status.error) throw new TandemError('mt-failed', status.error);
    if (!status.configured) throw new TandemError('mt-auth', 'No DeepL API key: set DEEPL_AUTH_KEY.');
    if (values.json) printJson(status.usage);
    else out(`${status.usage!.characterCount} characters used of ${status.usage!.characterLimit ?? 'unlimited'}`);
    return 0;
  });
}
