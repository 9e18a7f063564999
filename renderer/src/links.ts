import type { LinkDelta } from '../../common/api';
import type { Link } from '../../common/types';

/**
 * The order the alignment view walks links in (cursor, N/P, rows): by first
 * segment on side a, and a link with nothing on side a just before the first
 * link whose side b starts after it. This is a total order, so links patched
 * in from deltas land exactly where they would after a fresh load, whatever
 * order they arrive in.
 */
export function inReadingOrder(links: readonly Link[]): Link[] {
  const withA: Link[] = [];
  const onlyB: Link[] = [];
  for (const l of links) (l.a.length ? withA : onlyB).push(l);
  // Both lists arrive nearly sorted, so each sort costs about one comparison per link.
  withA.sort((x, y) => x.a[0] - y.a[0] || (x.b[0] ?? -1) - (y.b[0] ?? -1) || x.id - y.id);
  onlyB.sort((x, y) => (x.b[0] ?? 0) - (y.b[0] ?? 0) || x.id - y.id);
  if (!onlyB.length) return withA;
  const out: Link[] = [];
  let j = 0;
  for (const l of withA) {
    if (l.b.length) while (j < onlyB.length && (onlyB[j].b[0] ?? 0) < l.b[0]) out.push(onlyB[j++]);
    out.push(l);
  }
  while (j < onlyB.length) out.push(onlyB[j++]);
  return out;
}

/**
 * Applies the deltas for one alignment, in order, to its links. An added id
 * replaces any copy already held, so a delta seen twice cannot duplicate a link.
 */
export function applyLinkDeltas(links: readonly Link[], alignmentId: number, deltas: readonly LinkDelta[]): Link[] {
  let out = links as Link[];
  for (const d of deltas) {
    if (d.alignmentId !== alignmentId) continue;
    const gone = new Set<number>(d.removed);
    for (const l of d.added) gone.add(l.id);
    out = out.filter((l) => !gone.has(l.id));
    for (const l of d.added) out.push(l);
  }
  return inReadingOrder(out);
}
