import type { ReadDb, WriteDb } from '../open';
import { writeTransaction } from '../transaction';
import { stmt } from '../statements';
import { now } from './documents';

export interface CandidateSettingsRow {
  minConfidence: number;
  perParagraph: number;
}

export function getCandidateSettings(db: ReadDb, alignmentId: number): CandidateSettingsRow | undefined {
  const row = stmt(db, 'SELECT min_confidence, per_paragraph FROM alignment_settings WHERE alignment_id = ?').get(alignmentId) as { min_confidence: number; per_paragraph: number } | undefined;
  return row ? { minConfidence: row.min_confidence, perParagraph: row.per_paragraph } : undefined;
}

export function putCandidateSettings(db: WriteDb, alignmentId: number, s: CandidateSettingsRow): void {
  stmt(
    db,
    `INSERT INTO alignment_settings (alignment_id, min_confidence, per_paragraph, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (alignment_id) DO UPDATE SET min_confidence = excluded.min_confidence, per_paragraph = excluded.per_paragraph, updated_at = excluded.updated_at`,
  ).run(alignmentId, s.minConfidence, s.perParagraph, now());
}

/** Cached vectors for these text hashes under one model; missing hashes are absent from the map. */
export function getEmbeddings(db: ReadDb, model: string, hashes: string[]): Map<string, Float32Array> {
  const q = stmt(db, 'SELECT dims, vector FROM embeddings WHERE model = ? AND text_hash = ?');
  const out = new Map<string, Float32Array>();
  for (const h of new Set(hashes)) {
    const row = q.get(model, h) as { dims: number; vector: Buffer } | undefined;
    if (!row) continue;
    const copy = new Uint8Array(row.vector.byteLength);
    copy.set(row.vector);
    out.set(h, new Float32Array(copy.buffer, 0, row.dims));
  }
  return out;
}

export function putEmbeddings(db: WriteDb, model: string, rows: Array<{ hash: string; vector: Float32Array }>): void {
  const ins = stmt(db, 'INSERT INTO embeddings (model, text_hash, dims, vector, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (model, text_hash) DO NOTHING');
  const t = now();
  writeTransaction(db, () => {
    for (const r of rows) ins.run(model, r.hash, r.vector.length, Buffer.from(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength), t);
  });
}

export function countEmbeddings(db: ReadDb, model?: string): number {
  return model === undefined
    ? (stmt(db, 'SELECT count(*) FROM embeddings').pluck().get() as number)
    : (stmt(db, 'SELECT count(*) FROM embeddings WHERE model = ?').pluck().get(model) as number);
}
