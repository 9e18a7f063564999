/**
 * Import/export codecs for aligned text. Pure: strings, bytes or parser
 * events in, strings or plain structures out; no I/O and no third-party code
 * (the XML parser that feeds the readers lives in core/xml).
 */
export { FormatError, locate } from './errors.js';
export * from './types.js';
export {
  decodeXmlBytes,
  decodeStrict,
  sniffXmlEncoding,
  escapeText,
  escapeAttr,
  sanitizeXmlText,
  isXmlChar,
  localName,
  childElements,
  textContent,
  inspectDoctype,
  xmlError,
  XmlTreeBuilder,
  type XmlDocument,
  type XmlDoctype,
  type XmlElement,
  type XmlNode,
  type XmlPos,
  type XmlSink,
  type XmlStartTag,
  type XmlText,
  type ParseOptions,
} from './xml.js';
export * from './codes.js';
export { InlineCollector, tmxInline, xliff12Inline, xliff2Inline } from './inline.js';
export {
  writeTmx,
  tmxHead,
  tmxTail,
  tmxPairUnit,
  tmxMultilingualUnit,
  TmxReader,
  TmxPairing,
  checkTmxDocument,
  toTmxDate,
  TMX_FORMAT,
  type TmxReadOptions,
  type TmxHeaderMeta,
  type TmxTu,
  type TmxTuv,
  type TmxHeader,
} from './tmx.js';
export { writeXliff, xliffWriter, XliffReader, XLIFF2_NS, XLIFF12_NS, MDA_NS, XLIFF_FORMAT, XLIFF_VERSIONS, type XliffVersion, type XliffWriter, type XliffInfo } from './xliff.js';
export { writeMoses, readMoses, flattenLineBreaks, type MosesReadOptions } from './moses.js';
export { writeTsv, tsvHeader, tsvRow, readTsv, escapeTsvCell, TSV_PROP_COLUMNS } from './tsv.js';
export { writeJsonl, jsonlLine, readJsonl } from './jsonl.js';

export type FormatId = 'tmx' | 'xliff' | 'moses' | 'tsv' | 'jsonl';

/**
 * Format implied by a file name's extension. Moses corpora are named after
 * their language (e.g. "corpus.de"), so they are never detected this way.
 */
export function formatFromFileName(name: string): FormatId | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  switch (ext) {
    case 'tmx':
      return 'tmx';
    case 'xlf':
    case 'xliff':
      return 'xliff';
    case 'tsv':
    case 'tab':
      return 'tsv';
    case 'jsonl':
    case 'ndjson':
      return 'jsonl';
    default:
      return undefined;
  }
}
