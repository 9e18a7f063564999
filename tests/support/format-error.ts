import { FormatError } from '../../core/formats/index.js';

/** Runs `fn`, expecting a FormatError, and returns it. */
export function formatError(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}
