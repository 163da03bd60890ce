// Splits one policy.csv line into fields the way Argo CD reads it (Go encoding/csv with
// TrimLeadingSpace), so quoted subjects such as `"my-org:team, ops"` keep their commas.

/** The fields of a line, or why the line is not valid CSV. */
export type CsvLineResult = { readonly ok: true; readonly fields: readonly string[] } | { readonly ok: false; readonly message: string };

/**
 * Splits `line` on commas. A field may be double-quoted, with `""` standing for one quote inside it.
 * Whitespace around every field is dropped (Go trims only leading space; trailing space in an
 * RBAC field is never meaningful). A bare `"` inside an unquoted field, text after a closing quote,
 * or an unterminated quote make the line invalid, as in encoding/csv.
 * Example: `p, "role:a,b" , applications` → [`p`, `role:a,b`, `applications`].
 */
export function splitCsvLine(line: string): CsvLineResult {
  const fields: string[] = [];
  let pos = 0;
  for (;;) {
    while (pos < line.length && isSpace(line[pos] as string)) pos += 1;
    let field: string;
    if (line[pos] === '"') {
      const quoted = readQuoted(line, pos + 1);
      if (!quoted.ok) return quoted;
      field = quoted.value;
      pos = quoted.end;
      while (pos < line.length && isSpace(line[pos] as string)) pos += 1;
      if (pos < line.length && line[pos] !== ',') return { ok: false, message: `extraneous text after the closing quote of field ${fields.length + 1}` };
    } else {
      const comma = line.indexOf(',', pos);
      const end = comma === -1 ? line.length : comma;
      field = line.slice(pos, end).trim();
      if (field.includes('"')) return { ok: false, message: `bare " in unquoted field ${fields.length + 1}` };
      pos = end;
    }
    fields.push(field);
    if (pos >= line.length) return { ok: true, fields };
    pos += 1; // the comma
  }
}

type Quoted = { readonly ok: true; readonly value: string; readonly end: number } | { readonly ok: false; readonly message: string };

// From just after the opening quote to just after the closing one.
function readQuoted(line: string, start: number): Quoted {
  let value = '';
  let pos = start;
  for (;;) {
    const close = line.indexOf('"', pos);
    if (close === -1) return { ok: false, message: 'unterminated quoted field' };
    value += line.slice(pos, close);
    if (line[close + 1] !== '"') return { ok: true, value, end: close + 1 };
    value += '"';
    pos = close + 2;
  }
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t';
}
