import type { Migration } from './types';

/**
 * What is known about a document's language beyond its code and confidence:
 * the language the translation engine detected when it was left to detect it
 * (offered to the user for an unsure document), and the paragraphs that are
 * in other languages (JSON: [{"lang":"en","paragraphs":[3,7]}]).
 */
export const migration003: Migration = {
  version: 3,
  name: 'document languages: engine-detected language, paragraphs in other languages',
  up: `
    ALTER TABLE documents ADD COLUMN mt_detected_lang TEXT;
    ALTER TABLE documents ADD COLUMN other_languages TEXT NOT NULL DEFAULT '[]'
      CHECK (json_valid(other_languages) AND json_type(other_languages) = 'array');
  `,
};
