export { SimilarityError, type SimilarityErrorKind, type SimilarityProvider } from './provider';
export { OpenAiCompatibleEmbeddings, normaliseBaseUrl, type OpenAiCompatibleOptions } from './openai-compatible';
