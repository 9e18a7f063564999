export { decodeText, type DecodedText } from './decode';
export { normalizeParagraph, normalizeLineEnds } from './normalize';
export { extractParagraphs, splitPlainText, splitMarkdown, splitHtml, formatFromName, sniffFormat, detectWrapWidth, type ParagraphMode, type SourceFormat, type ExtractedText } from './paragraphs';
export { splitSentences } from './sentences';
export { abbreviationRules, baseLang, type ProjectAbbreviations } from './abbreviations';
export { identifyLanguage, type LanguageGuess } from './langid';
