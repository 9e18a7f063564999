import { migration001 } from './001-initial';
import { migration002 } from './002-leases';
import type { Migration } from './types';

/** Append-only: a released migration is never edited, only followed by a new one. */
export const migrations: readonly Migration[] = [migration001, migration002];

export const LATEST_VERSION = migrations[migrations.length - 1].version;
export type { Migration };
