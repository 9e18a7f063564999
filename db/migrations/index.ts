import { migration001 } from './001-initial';
import { migration002 } from './002-leases';
import { migration003 } from './003-document-languages';
import { migration004 } from './004-paragraph-gaps';
import { migration005 } from './005-document-meta';
import { migration006 } from './006-links-evidence';
import { migration007 } from './007-alignment-modes';
import { migration009 } from './009-inline-codes';
import type { Migration } from './types';

/** Append-only: a released migration is never edited, only followed by a new one. In version order. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration009];

export const LATEST_VERSION = migrations[migrations.length - 1].version;
export type { Migration };
