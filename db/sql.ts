/**
 * Statements in db/queries are constant text with `?` or `@name`
 * placeholders: values are always bound, never spliced in, and the text is
 * the key under which a statement is prepared once per connection. The few
 * statements that name a table or column chosen at run time (reading the
 * schema) splice it in through `ident`, which only accepts plain names.
 */

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Raw {
  constructor(readonly text: string) {}
}

export function ident(name: string): Raw {
  if (!IDENT.test(name)) throw new Error(`Refusing unsafe SQL identifier: ${JSON.stringify(name)}`);
  return new Raw(name);
}
