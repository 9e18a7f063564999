/**
 * Parameterised SQL built with a tagged template: values always become bound
 * parameters, never text in the statement. Identifiers that must be spliced in
 * go through `ident`, which only accepts plain names.
 */
export interface SqlQuery {
  readonly text: string;
  readonly params: unknown[];
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Raw {
  constructor(readonly text: string) {}
}

export function ident(name: string): Raw {
  if (!IDENT.test(name)) throw new Error(`Refusing unsafe SQL identifier: ${JSON.stringify(name)}`);
  return new Raw(name);
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlQuery {
  let text = strings[0];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Raw) text += value.text;
    else if (isQuery(value)) {
      text += value.text;
      params.push(...value.params);
    } else if (Array.isArray(value)) {
      // Expands to a list for IN (...): an empty list matches nothing.
      if (value.length === 0) text += 'NULL';
      else text += value.map(() => '?').join(', ');
      params.push(...value);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1];
  });
  return { text, params };
}

function isQuery(value: unknown): value is SqlQuery {
  return typeof value === 'object' && value !== null && 'text' in value && 'params' in value;
}
