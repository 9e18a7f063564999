import { COMMANDS, type CommandId, type CommandScope, type CommandSpec } from '../../common/commands';
import { matchesKey, parseKey, type KeyChord, type KeyEventLike } from '../../common/keys';
import { toDisposable, type Disposable } from '../../common/disposable';

export interface CommandContext {
  /** The view on screen. */
  view: Exclude<CommandScope, 'global'>;
  /** The key came from a text field or an editable pane. */
  typing: boolean;
  /** Where the key was pressed (the focused element), when it came from a key. */
  target: unknown;
  source: 'key' | 'menu';
}

/** Returns false when the command does not apply now (the key then does what it would do anyway). */
export type CommandHandler = (ctx: CommandContext) => boolean | void | Promise<unknown>;

/**
 * The renderer's side of the command table: views register a handler for
 * each command they carry out, and keys and menu commands are dispatched
 * through the table's key bindings and scopes. DOM-free: it reads only what a
 * KeyboardEvent has.
 */
export class CommandRegistry {
  private readonly handlers = new Map<string, CommandHandler>();
  private readonly bindings: Array<{ spec: CommandSpec; chord: KeyChord }> = [];

  constructor(private readonly table: readonly CommandSpec[] = COMMANDS) {
    for (const spec of table) {
      if (spec.runsIn === 'main') continue;
      for (const key of spec.keys) this.bindings.push({ spec, chord: parseKey(key) });
    }
  }

  /** Carries out `id` with `handler` until the returned disposable is disposed. */
  register(id: CommandId, handler: CommandHandler): Disposable {
    if (!this.table.some((c) => c.id === id)) throw new Error(`no command ${id} in the table`);
    if (this.handlers.has(id)) throw new Error(`command ${id} already has a handler`);
    this.handlers.set(id, handler);
    return toDisposable(() => {
      if (this.handlers.get(id) === handler) this.handlers.delete(id);
    });
  }

  has(id: string): boolean {
    return this.handlers.has(id);
  }

  /** Ids of the table's renderer commands that nobody handles (a test keeps this empty). */
  unhandled(): string[] {
    return this.table.filter((c) => c.runsIn !== 'main' && !this.handlers.has(c.id)).map((c) => c.id);
  }

  get size(): number {
    return this.handlers.size;
  }

  /**
   * A key press: the first command bound to it that applies here (global
   * commands before the view's) and does not decline. Returns its id, or null
   * when no command took the key.
   */
  handleKey(e: KeyEventLike, ctx: Omit<CommandContext, 'source'>): string | null {
    for (const scope of ['global', ctx.view] as const) {
      for (const { spec, chord } of this.bindings) {
        if (spec.scope !== scope || (ctx.typing && !spec.whileTyping) || !matchesKey(chord, e)) continue;
        const handler = this.handlers.get(spec.id);
        if (handler && handler({ ...ctx, source: 'key' }) !== false) return spec.id;
      }
    }
    return null;
  }

  /** Runs a command by id (a menu item, a button); false when it has no handler or declined. */
  run(id: string, ctx: Omit<CommandContext, 'source'> & { source?: CommandContext['source'] }): boolean {
    const handler = this.handlers.get(id);
    if (!handler) return false;
    return handler({ source: 'menu', ...ctx }) !== false;
  }
}
