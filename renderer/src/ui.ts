/** Small DOM helpers: the UI is plain DOM, so these keep view code short. */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, unknown> & { class?: string; style?: string; dataset?: Record<string, string> };

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs | null = null, ...children: Array<Child | Child[]>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = String(v);
      else if (k === 'style') el.setAttribute('style', String(v));
      else if (k === 'dataset') Object.assign(el.dataset, v as Record<string, string>);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
      else if (k in el && typeof v !== 'string') (el as unknown as Record<string, unknown>)[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el: HTMLElement, children: Array<Child | Child[]>): void {
  for (const c of children) {
    if (Array.isArray(c)) append(el, c);
    else if (c === null || c === undefined || c === false) continue;
    else el.append(c instanceof Node ? c : String(c));
  }
}

export function clear(el: HTMLElement, ...children: Array<Child | Child[]>): void {
  el.replaceChildren();
  append(el, children);
}

let toastHost: HTMLElement | null = null;

/** A short message in the corner; errors stay longer and are also kept in the status bar. */
export function toast(message: string, kind: 'info' | 'error' | 'ok' = 'info'): void {
  if (!toastHost) {
    toastHost = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(toastHost);
  }
  const t = h('div', { class: `toast toast-${kind}` }, message);
  toastHost.append(t);
  // A burst of messages keeps only the latest few on screen.
  while (toastHost.childElementCount > 4) toastHost.firstElementChild!.remove();
  setTimeout(() => t.classList.add('leaving'), kind === 'error' ? 6000 : 2500);
  setTimeout(() => t.remove(), kind === 'error' ? 6400 : 2900);
}

export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('en-US');
}

export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const s = String(reader.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`Cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

export interface ModalHandle {
  close(): void;
  root: HTMLElement;
  box: HTMLElement;
}

interface OpenModal {
  handle: ModalHandle;
  onClose?: () => void;
}

const openModals: OpenModal[] = [];
let modalSeq = 0;

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(el: HTMLElement): HTMLElement[] {
  return [...el.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((x) => !x.hidden && x.offsetParent !== null);
}

export function anyModalOpen(): boolean {
  return openModals.length > 0;
}

/** Closes the dialog on top, as Esc does; returns false when none is open. */
export function closeTopModal(): boolean {
  const top = openModals[openModals.length - 1];
  if (!top) return false;
  top.handle.close();
  return true;
}

/**
 * A modal dialog. Focus moves into it (the first field, or `initialFocus`),
 * Tab cycles inside it, Esc or a click outside closes it, and focus goes back
 * to where it was when it closes.
 */
export function modal(title: string, body: HTMLElement, actions: HTMLElement[] = [], opts: { initialFocus?: HTMLElement; onClose?: () => void; className?: string } = {}): ModalHandle {
  const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const back = h('div', { class: `modal-back ${opts.className ?? ''}`.trim() });
  const titleId = `modal-title-${++modalSeq}`;
  let closed = false;
  const entry: OpenModal = { handle: null as unknown as ModalHandle, onClose: opts.onClose };
  const close = () => {
    if (closed) return;
    closed = true;
    back.remove();
    const i = openModals.indexOf(entry);
    if (i >= 0) openModals.splice(i, 1);
    entry.onClose?.();
    if (returnTo && returnTo.isConnected && !returnTo.closest('[hidden]')) returnTo.focus({ preventScroll: true });
  };
  const box = h('div', { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
    h('div', { class: 'modal-head' }, h('span', { id: titleId }, title), h('button', { type: 'button', class: 'icon', title: 'Close (Esc)', 'aria-label': 'Close', onclick: close }, '×')),
    h('div', { class: 'modal-body' }, body),
    actions.length ? h('div', { class: 'modal-foot' }, actions) : null,
  );
  back.append(box);
  back.addEventListener('mousedown', (e) => {
    if (e.target === back) close();
  });
  back.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') {
      // Keep Tab inside the dialog.
      const items = focusables(box);
      if (!items.length) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && (document.activeElement === first || !box.contains(document.activeElement))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !box.contains(document.activeElement))) {
        e.preventDefault();
        first.focus();
      }
    }
  });
  const handle: ModalHandle = { close, root: back, box };
  entry.handle = handle;
  openModals.push(entry);
  document.body.append(back);
  const target = opts.initialFocus ?? focusables(body)[0] ?? focusables(box)[0];
  target?.focus();
  return handle;
}

export interface Field {
  /** The label shown beside the control; it is also the control's accessible name. */
  label: string;
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  hint?: string;
}

/** A labelled row for a dialog form: the label points at its control. */
export function field(f: Field): HTMLElement {
  const id = f.control.id || `field-${++modalSeq}`;
  f.control.id = id;
  const hintId = f.hint ? `${id}-hint` : undefined;
  if (hintId) f.control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' },
    h('label', { for: id }, f.label),
    f.control,
    f.hint ? h('div', { class: 'field-hint muted small', id: hintId }, f.hint) : null,
  );
}

export interface FormDialogOptions<T> {
  title: string;
  body: HTMLElement | HTMLElement[];
  confirmLabel: string;
  /** Checks the form; returns a message to show (and keeps the dialog open), or the value to resolve with. */
  submit(): { error: string; focus?: HTMLElement } | { value: T };
  danger?: boolean;
  initialFocus?: HTMLElement;
  className?: string;
}

/**
 * A dialog with a form: Enter confirms (outside multi-line fields and
 * buttons), Esc cancels. Resolves with the value, or null when cancelled.
 */
export function formDialog<T>(opts: FormDialogOptions<T>): Promise<T | null> {
  return new Promise((resolve) => {
    let result: T | null = null;
    const error = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const ok = h('button', { type: 'submit', class: opts.danger ? 'danger' : 'primary', dataset: { dialog: 'confirm' } }, opts.confirmLabel);
    const cancel = h('button', { type: 'button', dataset: { dialog: 'cancel' } }, 'Cancel');
    const form = h('form', { class: 'dialog-form', novalidate: true }, opts.body, error);
    const attempt = () => {
      const r = opts.submit();
      if ('error' in r) {
        error.textContent = r.error;
        error.hidden = false;
        (r.focus ?? opts.initialFocus)?.focus();
        return;
      }
      result = r.value;
      dlg.close();
    };
    // A message about the form goes as soon as the form changes.
    const clearError = (e: Event) => {
      error.hidden = true;
      (e.target as HTMLElement).removeAttribute?.('aria-invalid');
    };
    form.addEventListener('input', clearError);
    form.addEventListener('change', clearError);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      attempt();
    });
    form.addEventListener('keydown', (e) => {
      // Enter confirms from any control but a multi-line field, a button or a link (those act themselves).
      if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
      const t = e.target as HTMLElement;
      if (t.tagName === 'TEXTAREA' || t.tagName === 'BUTTON' || t.tagName === 'A') return;
      e.preventDefault();
      attempt();
    });
    // The buttons live in the dialog's footer, outside the form: they submit it by id.
    const formId = `form-${++modalSeq}`;
    form.id = formId;
    ok.setAttribute('form', formId);
    // A dangerous question with nothing to fill in starts on Cancel: Enter alone never destroys anything.
    const dlg = modal(opts.title, form, [cancel, ok], { initialFocus: opts.initialFocus ?? (opts.danger ? cancel : undefined), className: opts.className, onClose: () => resolve(result) });
    cancel.addEventListener('click', () => dlg.close());
  });
}

/** Asks a yes/no question in the page; resolves true when confirmed. */
export async function confirmDialog(opts: { title: string; message: string | HTMLElement; confirmLabel: string; danger?: boolean }): Promise<boolean> {
  const r = await formDialog<boolean>({
    title: opts.title,
    body: h('p', { class: 'dialog-message' }, opts.message),
    confirmLabel: opts.confirmLabel,
    danger: opts.danger,
    submit: () => ({ value: true }),
  });
  return r === true;
}

/** Asks for one line of text; resolves with the trimmed text, or null when cancelled. */
export function textDialog(opts: { title: string; label: string; value?: string; confirmLabel: string; hint?: string; required?: string }): Promise<string | null> {
  const input = h('input', { type: 'text', value: opts.value ?? '', autocomplete: 'off', spellcheck: false, required: true });
  const p = formDialog<string>({
    title: opts.title,
    body: field({ label: opts.label, control: input, hint: opts.hint }),
    confirmLabel: opts.confirmLabel,
    initialFocus: input,
    submit: () => {
      const v = input.value.trim();
      if (!v) {
        input.setAttribute('aria-invalid', 'true');
        return { error: opts.required ?? `${opts.label} cannot be empty.`, focus: input };
      }
      return { value: v };
    },
  });
  input.select();
  return p;
}

export function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.closest('.monaco-editor') && !t.closest('.pane-readonly')) return true;
  const tag = t.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable;
}
