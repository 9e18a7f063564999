/**
 * Error kinds every layer agrees on. They cross process boundaries as plain
 * values ({kind, message}) because Electron IPC and JSON keep only messages.
 */
export type ErrorKind =
  | 'not-found'
  | 'invalid-input'
  | 'unsupported'
  | 'conflict'
  | 'not-a-project'
  | 'newer-version'
  | 'too-large'
  | 'encoding'
  | 'mt-auth'
  | 'mt-quota'
  | 'mt-failed'
  | 'similarity-failed'
  /** The user stopped a job; what it had not committed was left out. */
  | 'cancelled'
  | 'internal';

export class TandemError extends Error {
  readonly kind: ErrorKind;
  readonly details?: Record<string, unknown>;
  constructor(kind: ErrorKind, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'TandemError';
    this.kind = kind;
    this.details = details;
  }
}

export interface ErrorValue {
  kind: ErrorKind;
  message: string;
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export function toErrorValue(err: unknown): ErrorValue {
  if (err instanceof TandemError) return { kind: err.kind, message: err.message, details: err.details };
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'internal', message };
}

export function fromErrorValue(value: ErrorValue): TandemError {
  return new TandemError(value.kind, value.message, value.details);
}
