import type { InlineCode } from './codes.js';

/** One side (source or target) of an aligned unit. */
export interface UnitSide {
  lang: string;
  /** The segment text; inline codes are placeholders in it (see codes.ts). */
  text: string;
  /** The inline codes whose placeholders are in `text`, in order. */
  codes?: InlineCode[];
  docTitle?: string;
  /** 1-based paragraph or sentence numbers joined into this unit. */
  segments?: number[];
}

export type LinkStatus = 'suggested' | 'confirmed' | 'rejected';
/** The XLIFF 2.x segment states, which are exactly these four values. */
export type SegmentState = 'initial' | 'translated' | 'reviewed' | 'final';
export type SegType = 'paragraph' | 'sentence';

export interface UnitProps {
  status?: LinkStatus;
  confidence?: number;
  annotator?: string;
  origin?: string;
  srcDoc?: string;
  tgtDoc?: string;
  state?: SegmentState;
  id?: string;
}

export interface AlignedUnit {
  src: UnitSide;
  tgt: UnitSide;
  props?: UnitProps;
}

export interface ExportMeta {
  srcLang: string;
  tgtLang: string;
  toolVersion: string;
  srcDoc?: string;
  tgtDoc?: string;
  /** ISO 8601 timestamp. */
  createdAt?: string;
  /** Granularity of the units; TMX requires it. Defaults to "paragraph". */
  segtype?: SegType;
}

export interface ImportedUnit {
  src: string;
  tgt: string;
  /** Inline codes of `src` and `tgt`, for formats that carry them (TMX, XLIFF, JSONL). */
  srcCodes?: InlineCode[];
  tgtCodes?: InlineCode[];
  props?: Record<string, string>;
}

export interface ImportedPair {
  srcLang: string;
  tgtLang: string;
  units: ImportedUnit[];
  /** Non-fatal problems, e.g. TMX units skipped for lacking a language. Absent when there were none. */
  warnings?: string[];
}

/**
 * Keys of `ImportedUnit.props` that Tandem's own writers produce. Readers also
 * pass through unknown properties of foreign files under their original names.
 *
 * - id, status, confidence, annotator, origin, state, srcDoc, tgtDoc: from `AlignedUnit.props`
 *   (srcDoc/tgtDoc fall back to `ExportMeta`; id falls back to the 1-based position;
 *   state falls back to "translated" when there is a target text, else "initial")
 * - srcTitle/tgtTitle: `UnitSide.docTitle`
 * - srcSegments/tgtSegments: `UnitSide.segments` joined with ","
 * - note: TMX/XLIFF notes, e.g. the record of characters replaced because XML cannot carry them
 */
export const UNIT_PROP_KEYS = [
  'id',
  'status',
  'confidence',
  'annotator',
  'origin',
  'state',
  'srcDoc',
  'tgtDoc',
  'srcTitle',
  'tgtTitle',
  'srcSegments',
  'tgtSegments',
] as const;
export type UnitPropKey = (typeof UNIT_PROP_KEYS)[number];

/** snake_case spelling used as TSV column names, JSONL keys and XLIFF metadata types. */
export const SNAKE_KEYS: Record<UnitPropKey, string> = {
  id: 'id',
  status: 'status',
  confidence: 'confidence',
  annotator: 'annotator',
  origin: 'origin',
  state: 'state',
  srcDoc: 'src_doc',
  tgtDoc: 'tgt_doc',
  srcTitle: 'src_title',
  tgtTitle: 'tgt_title',
  srcSegments: 'src_segments',
  tgtSegments: 'tgt_segments',
};

const FROM_SNAKE: Record<string, UnitPropKey> = Object.fromEntries(
  UNIT_PROP_KEYS.map((k) => [SNAKE_KEYS[k], k]),
) as Record<string, UnitPropKey>;

/** Canonical key for a snake_case name, or the name itself when it is not one of ours. */
export function propKeyFromSnake(name: string): string {
  return FROM_SNAKE[name] ?? name;
}

export const LINK_STATUSES: readonly LinkStatus[] = ['suggested', 'confirmed', 'rejected'];
export const SEGMENT_STATES: readonly SegmentState[] = ['initial', 'translated', 'reviewed', 'final'];

export function defaultState(unit: AlignedUnit): SegmentState {
  return unit.props?.state ?? (unit.tgt.text !== '' ? 'translated' : 'initial');
}

/**
 * The properties every writer records for a unit, as strings. Writers and
 * readers agree on this one mapping so that `read(write(units))` can be
 * compared with `toImportedPair(units, meta)`.
 */
export function unitPropRecord(unit: AlignedUnit, index: number, meta?: Pick<ExportMeta, 'srcDoc' | 'tgtDoc'>): Record<string, string> {
  const p = unit.props ?? {};
  const out: Record<string, string> = {};
  const put = (key: UnitPropKey, value: string | undefined) => {
    if (value !== undefined && value !== '') out[key] = value;
  };
  put('id', p.id !== undefined && p.id !== '' ? p.id : String(index + 1));
  put('status', p.status);
  put('confidence', p.confidence !== undefined && Number.isFinite(p.confidence) ? String(p.confidence) : undefined);
  put('annotator', p.annotator);
  put('origin', p.origin);
  put('state', defaultState(unit));
  put('srcDoc', p.srcDoc ?? meta?.srcDoc);
  put('tgtDoc', p.tgtDoc ?? meta?.tgtDoc);
  put('srcTitle', unit.src.docTitle);
  put('tgtTitle', unit.tgt.docTitle);
  put('srcSegments', unit.src.segments?.length ? unit.src.segments.join(',') : undefined);
  put('tgtSegments', unit.tgt.segments?.length ? unit.tgt.segments.join(',') : undefined);
  return out;
}

/** What importing an export of `units` yields (for formats that carry properties). */
export function toImportedPair(units: readonly AlignedUnit[], meta: ExportMeta): ImportedPair {
  return {
    srcLang: meta.srcLang,
    tgtLang: meta.tgtLang,
    units: units.map((u, i) => {
      const out: ImportedUnit = { src: u.src.text, tgt: u.tgt.text };
      if (u.src.codes?.length) out.srcCodes = u.src.codes;
      if (u.tgt.codes?.length) out.tgtCodes = u.tgt.codes;
      out.props = unitPropRecord(u, i, meta);
      return out;
    }),
  };
}

/**
 * A unit of a multilingual memory: the same content in several languages.
 * The first variant is the original; each other one is a translation linked
 * to it, and its `link` says how (status, confidence, who).
 */
export interface MultilingualUnit {
  id: string;
  variants: UnitVariant[];
}

export interface UnitVariant extends UnitSide {
  /** Source file name of the document this text comes from. */
  doc?: string;
  link?: Pick<UnitProps, 'status' | 'confidence' | 'annotator' | 'origin' | 'state'>;
}

function parseSegments(value: string | undefined): number[] | undefined {
  if (!value) return undefined;
  const nums = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
  return nums.length ? nums : undefined;
}

/**
 * Turns an imported pair back into units, keeping the properties Tandem
 * understands and dropping values outside their allowed sets.
 */
export function pairToUnits(pair: ImportedPair): AlignedUnit[] {
  return pair.units.map((u) => {
    const p = u.props ?? {};
    const src: UnitSide = { lang: pair.srcLang, text: u.src };
    const tgt: UnitSide = { lang: pair.tgtLang, text: u.tgt };
    if (u.srcCodes?.length) src.codes = u.srcCodes;
    if (u.tgtCodes?.length) tgt.codes = u.tgtCodes;
    if (p.srcTitle) src.docTitle = p.srcTitle;
    if (p.tgtTitle) tgt.docTitle = p.tgtTitle;
    const ss = parseSegments(p.srcSegments);
    const ts = parseSegments(p.tgtSegments);
    if (ss) src.segments = ss;
    if (ts) tgt.segments = ts;
    const props: UnitProps = {};
    if (p.id) props.id = p.id;
    if ((LINK_STATUSES as readonly string[]).includes(p.status ?? '')) props.status = p.status as LinkStatus;
    if (p.confidence !== undefined && p.confidence.trim() !== '' && Number.isFinite(Number(p.confidence))) {
      props.confidence = Number(p.confidence);
    }
    if (p.annotator) props.annotator = p.annotator;
    if (p.origin) props.origin = p.origin;
    if (p.srcDoc) props.srcDoc = p.srcDoc;
    if (p.tgtDoc) props.tgtDoc = p.tgtDoc;
    if ((SEGMENT_STATES as readonly string[]).includes(p.state ?? '')) props.state = p.state as SegmentState;
    const unit: AlignedUnit = { src, tgt };
    if (Object.keys(props).length) unit.props = props;
    return unit;
  });
}

/**
 * A copy of a string that shares no memory with the text it was cut from.
 * A streaming parser hands out slices of its input chunks, and a slice keeps
 * its whole chunk alive: kept units would hold the entire file in memory.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function detachCodes(codes: InlineCode[] | undefined): InlineCode[] | undefined {
  if (!codes) return codes;
  return codes.map((c) => {
    const out: InlineCode = { at: c.at, kind: c.kind };
    if (c.pair !== undefined) out.pair = c.pair;
    if (c.el !== undefined) out.el = c.el;
    if (c.attrs) out.attrs = Object.fromEntries(Object.entries(c.attrs).map(([k, v]) => [k, detach(v)]));
    if (c.native !== undefined) out.native = detach(c.native);
    if (c.inner !== undefined) out.inner = detach(c.inner);
    return out;
  });
}

/** The unit with every string detached from the parser's input (see `detach`), for units kept while a file streams by. */
export function detachUnit(u: ImportedUnit): ImportedUnit {
  const out: ImportedUnit = { src: detach(u.src), tgt: detach(u.tgt) };
  if (u.srcCodes) out.srcCodes = detachCodes(u.srcCodes);
  if (u.tgtCodes) out.tgtCodes = detachCodes(u.tgtCodes);
  if (u.props) out.props = Object.fromEntries(Object.entries(u.props).map(([k, v]) => [k, detach(v)]));
  return out;
}
