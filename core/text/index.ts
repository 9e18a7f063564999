export { decodeText, type DecodedText } from './decode';
export { normalizeParagraph, normalizeLineEnds } from './normalize';
export { extractParagraphs, splitPlainText, splitMarkdown, splitHtml, formatFromName, sniffFormat, detectWrapWidth, type ParagraphMode, type SourceFormat, type ExtractedText } from './paragraphs';
export { splitSentences } from './sentences';
export { abbreviationRules, type ProjectAbbreviations } from './abbreviations';
export { baseLang, sameLanguage } from '../../common/languages';
export {
  identifyLanguage,
  identifyDocumentLanguage,
  loadLanguageModel,
  languageModelLoaded,
  LANG_UNSURE_BELOW,
  LIKELY_LANGUAGES,
  type DocumentLanguage,
  type LanguageGuess,
} from './langid';
export { chooseTitle, isMetadataLine, isDateLine, stripLeadingDate, MAX_TITLE_CHARS } from './title';
