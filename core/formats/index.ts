/**
 * Import/export codecs for aligned bilingual text. Pure: strings or bytes in,
 * strings or plain structures out; no I/O.
 */
export { FormatError, locate } from './errors.js';
export * from './types.js';
export {
  parseXml,
  decodeXmlBytes,
  escapeText,
  escapeAttr,
  sanitizeXmlText,
  isXmlChar,
  localName,
  childElements,
  textContent,
  type XmlDocument,
  type XmlElement,
  type XmlNode,
  type XmlText,
  type ParseOptions,
} from './xml.js';
export { writeTmx, readTmx, checkTmx, toTmxDate, type TmxReadOptions } from './tmx.js';
export { writeXliff, readXliff, XLIFF2_NS, XLIFF12_NS, MDA_NS } from './xliff.js';
export { writeMoses, readMoses, flattenLineBreaks, type MosesReadOptions } from './moses.js';
export { writeTsv, readTsv, escapeTsvCell, TSV_PROP_COLUMNS } from './tsv.js';
export { writeJsonl, readJsonl } from './jsonl.js';

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
