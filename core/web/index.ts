export { decodePage, charsetOfContentType, sniffMetaCharset, type DecodedPage } from './charset';
export { extractArticle, type ExtractOptions, type HtmlMode, type WebArticle } from './extract';
export { readMetadata, type PageMetadata } from './metadata';
export { parseMhtml, looksLikeMhtml, type MhtmlPage } from './mhtml';
export { isWebPage, pageLanguage, readWebPage, savedFromUrl, type WebPage, type WebPageOptions } from './page';
export { isSavedPageAssets } from './saved-page';
