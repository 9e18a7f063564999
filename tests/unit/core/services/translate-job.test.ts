import { describe, expect, it } from 'vitest';
import type { MtProvider } from '../../../../core/mt';
import { AlignService } from '../../../../core/services/align';
import { History } from '../../../../core/services/history';
import { importBytes } from '../../../../core/services/import';
import { TranslateService } from '../../../../core/services/translate';
import { getOrCreateAnnotator } from '../../../../db/queries/documents';
import { getLease } from '../../../../db/queries/leases';
import { listJobs } from '../../../../db/queries/mt';
import { memoryProject } from '../../../support/project';

/** An engine that breaks in a way no retry covers, after the job has started. */
const broken: MtProvider = {
  name: 'broken',
  async translate() {
    throw new TypeError('engine exploded');
  },
  async usage() {
    return { characterCount: 0, characterLimit: null };
  },
  async sourceLanguages() {
    return [];
  },
  async targetLanguages() {
    return [];
  },
  async ensureGlossary() {
    return 'g';
  },
};

describe('a translation job that fails unexpectedly', () => {
  it('is marked failed, not left running, and frees the lease', async () => {
    const db = memoryProject();
    importBytes(db, 'a.txt', new TextEncoder().encode('Brua er stengt.\nKøen er lang.'), { lang: 'nb' });
    const annotator = getOrCreateAnnotator(db, 'kari');
    const service = new TranslateService(db, { provider: broken }, new AlignService(db, new History(db, () => annotator), () => annotator));
    await expect(service.translate({})).rejects.toThrow('engine exploded');
    const [job] = listJobs(db);
    expect(job.status).toBe('failed');
    expect(job.message).toMatch(/engine exploded.*kept/);
    expect(getLease(db, 'translate')).toBeUndefined();
    db.close();
  });
});
