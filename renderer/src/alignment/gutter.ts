import type { Link } from '../../../common/types';
import { DisposableStore, toDisposable, type Disposable } from '../../../common/disposable';
import { h } from '../ui';

const SVG = 'http://www.w3.org/2000/svg';

const STATUS_COLOUR: Record<string, string> = { suggested: '#d99a00', confirmed: '#2e9b4f', rejected: '#d2453b' };

/** Where segments are on screen, in the gutter's coordinates. */
export interface GutterGeometry {
  links: readonly Link[];
  cur: number;
  /** Indices into `links` of the links to draw (those with a segment on screen). */
  visible: Iterable<number>;
  top(side: 'a' | 'b', seg: number): number;
  bottom(side: 'a' | 'b', seg: number): number;
}

export interface GutterEvents {
  /** A link drawn in the gutter was clicked. */
  pick(linkIndex: number): void;
  /** The wheel turned over the gutter. */
  wheel(deltaY: number): void;
  /** The pointer came onto a link (its index), or left the links (null). */
  hover?(linkIndex: number | null): void;
  /** The gutter changed size: what it shows should be drawn again. */
  resized?(): void;
}

/** Adds a DOM listener and returns its removal. */
export function listen<K extends keyof HTMLElementEventMap>(el: HTMLElement | SVGElement, type: K, fn: (e: HTMLElementEventMap[K]) => void, opts?: AddEventListenerOptions): Disposable {
  el.addEventListener(type, fn as EventListener, opts);
  return toDisposable(() => el.removeEventListener(type, fn as EventListener, opts));
}

/**
 * The strip between the two aligned panes, where each link is drawn as a band
 * from its segments in A to its segments in B (SVG), coloured by status. Only
 * links with a segment on screen are drawn. It owns its listeners and any
 * frame it has asked for, and releases them on dispose.
 */
export class Gutter implements Disposable {
  readonly el: HTMLElement;
  private readonly svg: SVGSVGElement;
  private frame = 0;
  /**
   * The gutter's size as last read, kept until it changes: reading it on each
   * draw, just after an edit changed the panes, would force a layout of all
   * of them there and then, and again when the frame is painted.
   */
  private box: { width: number; height: number } | null = null;
  private readonly store = new DisposableStore();

  constructor(events: GutterEvents) {
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.classList.add('links-svg');
    this.el = h('div', { class: 'align-gutter' });
    this.el.append(this.svg);
    this.store.add(listen(this.el, 'wheel', (e) => {
      events.wheel(e.deltaY);
      e.preventDefault();
    }, { passive: false }));
    this.store.add(listen(this.svg, 'click', (e) => {
      const target = e.target as Element;
      const idx = Number(target.getAttribute('data-link'));
      if (target.hasAttribute('data-link') && Number.isInteger(idx)) events.pick(idx);
    }));
    let hovered: number | null = null;
    const hover = (idx: number | null) => {
      if (idx === hovered) return;
      hovered = idx;
      events.hover?.(idx);
    };
    this.store.add(listen(this.svg, 'mouseover', (e) => {
      const target = e.target as Element;
      const idx = Number(target.getAttribute('data-link'));
      hover(target.hasAttribute('data-link') && Number.isInteger(idx) ? idx : null);
    }));
    this.store.add(listen(this.el, 'mouseleave', () => hover(null)));
    this.store.add(toDisposable(() => cancelAnimationFrame(this.frame)));
    const resize = new ResizeObserver(() => {
      this.box = null;
      events.resized?.();
    });
    resize.observe(this.el);
    this.store.add(toDisposable(() => resize.disconnect()));
  }

  /** Draws on the next frame, once however often it is asked before then. */
  schedule(draw: () => void): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      draw();
    });
  }

  /** Sizes the drawing to the gutter and empties it. */
  private size(): { width: number; height: number } {
    // A hidden gutter reads 0 × 0: that is not kept, so that it is read again once shown.
    const box = this.box ?? { width: this.el.clientWidth, height: this.el.clientHeight };
    if (box.width && box.height) this.box = box;
    const { width, height } = box;
    const viewBox = `0 0 ${width} ${height}`;
    if (this.svg.getAttribute('viewBox') !== viewBox) {
      this.svg.setAttribute('width', String(width));
      this.svg.setAttribute('height', String(height));
      this.svg.setAttribute('viewBox', viewBox);
    }
    return { width, height };
  }

  clear(): void {
    this.size();
    this.svg.replaceChildren();
  }

  draw(g: GutterGeometry): void {
    const { width, height } = this.size();
    const frag = document.createDocumentFragment();
    for (const li of g.visible) {
      const l = g.links[li];
      if (!l) continue;
      const isCur = li === g.cur;
      const colour = STATUS_COLOUR[l.status] ?? '#888';
      const opacity = l.status === 'rejected' ? 0.55 : 0.25 + 0.75 * Math.max(0, Math.min(1, l.confidence));
      if (l.a.length && l.b.length) {
        const a0 = g.top('a', l.a[0]) + 2;
        const a1 = g.bottom('a', l.a[l.a.length - 1]) - 2;
        const b0 = g.top('b', l.b[0]) + 2;
        const b1 = g.bottom('b', l.b[l.b.length - 1]) - 2;
        if (Math.max(a1, b1) < -50 || Math.min(a0, b0) > height + 50) continue;
        const x0 = 3;
        const x1 = width - 3;
        const mid = width / 2;
        const path = document.createElementNS(SVG, 'path');
        path.setAttribute('d', `M${x0},${a0} C${mid},${a0} ${mid},${b0} ${x1},${b0} L${x1},${b1} C${mid},${b1} ${mid},${a1} ${x0},${a1} Z`);
        path.setAttribute('fill', colour);
        path.setAttribute('fill-opacity', String(isCur ? Math.min(0.6, opacity * 0.6) : opacity * 0.28));
        path.setAttribute('stroke', colour);
        path.setAttribute('stroke-opacity', String(opacity));
        path.setAttribute('stroke-width', isCur ? '2.5' : String(0.8 + l.confidence * 1.2));
        if (l.status === 'rejected') path.setAttribute('stroke-dasharray', '4 3');
        path.setAttribute('data-link', String(li));
        path.setAttribute('class', `lk lk-${l.status}${isCur ? ' lk-cur' : ''}`);
        const title = document.createElementNS(SVG, 'title');
        title.textContent = `${l.status} · confidence ${l.confidence.toFixed(2)} · ${l.a.length}:${l.b.length} · ${l.origin}`;
        path.append(title);
        frag.append(path);
      } else {
        // A segment with no partner: a short tick on its own side.
        const side = l.a.length ? 'a' : 'b';
        const segs = l[side];
        const y0 = g.top(side, segs[0]) + 2;
        const y1 = g.bottom(side, segs[segs.length - 1]) - 2;
        const rect = document.createElementNS(SVG, 'rect');
        rect.setAttribute('x', side === 'a' ? '2' : String(width - 12));
        rect.setAttribute('y', String(y0));
        rect.setAttribute('width', '10');
        rect.setAttribute('height', String(Math.max(4, y1 - y0)));
        rect.setAttribute('fill', colour);
        rect.setAttribute('fill-opacity', '0.5');
        rect.setAttribute('data-link', String(li));
        frag.append(rect);
      }
    }
    this.svg.replaceChildren(frag);
  }

  dispose(): void {
    this.store.dispose();
    this.el.remove();
  }
}
