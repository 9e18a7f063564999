import { migration001 } from './001-initial';
import { migration006 } from './006-links-evidence';
import type { Migration } from './types';

/** Append-only: a released migration is never edited, only followed by a new one. */
export const migrations: readonly Migration[] = [migration001, migration006];

export const LATEST_VERSION = migrations[migrations.length - 1].version;
export type { Migration };
