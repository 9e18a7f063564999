import type { Migration } from './types';

/**
 * A paragraph's `gap` is the text between it and the next paragraph of its
 * document: NULL for the paragraph break the importer found (the "\n" that
 * joins paragraphs in the content hash), or the spaces left between the two
 * parts of a paragraph a user split. The paragraphs of a document, each
 * followed by its gap, always spell the same text, however the user has
 * split and merged them since import.
 */
export const migration004: Migration = {
  version: 4,
  name: 'paragraph gaps, so that segmentation can change over immutable text',
  up: `
    ALTER TABLE paragraphs ADD COLUMN gap TEXT;
  `,
};
