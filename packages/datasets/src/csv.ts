/** A parsed CSV table: the header's column names (or none) and the rows of fields. */
export interface CsvTable {
  /** The names in the first row, or null when the table has no header. */
  readonly columns: readonly string[] | null;
  readonly rows: readonly (readonly string[])[];
  /** The line on which each row starts (1-based), for error messages. */
  readonly lines: readonly number[];
}

/** Options of {@link parseCsv}. */
export interface CsvOptions {
  /** The field separator (default ','). */
  delimiter?: string;
  /** Whether the first row names the columns (default true). */
  header?: boolean;
}

/**
 * Parses CSV text (RFC 4180: fields in double quotes may hold the delimiter, newlines and doubled
 * quotes; CRLF or LF line ends; blank lines skipped). Every row must have as many fields as the
 * first: a row of another width is an error naming `path`, the line and both counts.
 * Browser-safe.
 *
 * @example
 * parseCsv('a,b\n1,2\n3,4\n').rows; // [['1', '2'], ['3', '4']]
 * parseCsv('a,b\n1\n', {}, 'data.csv'); // throws: data.csv:2: expected 2 fields (as in the header), got 1
 */
export function parseCsv(text: string, options: CsvOptions = {}, path = 'CSV data'): CsvTable {
  const delimiter = options.delimiter ?? ',';
  const header = options.header ?? true;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n') {
    throw new RangeError(
      `parseCsv: the delimiter must be one character other than a quote or newline, got ${JSON.stringify(delimiter)}`,
    );
  }
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let rowHasContent = false;
  const endField = (): void => {
    fields.push(field);
    field = '';
  };
  const endRow = (): void => {
    endField();
    if (rowHasContent || fields.length > 1) records.push({ fields, line: start });
    fields = [];
    rowHasContent = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      rowHasContent = true;
    } else if (ch === delimiter) {
      endField();
      rowHasContent = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      start = line;
    } else {
      field += ch;
      rowHasContent = true;
    }
  }
  if (quoted) throw new Error(`${path}:${start}: unterminated quoted field`);
  if (field !== '' || fields.length > 0) endRow();

  const first = records[0];
  if (first === undefined) throw new Error(`${path}: empty: no rows`);
  const width = first.fields.length;
  for (const r of records) {
    if (r.fields.length !== width) {
      throw new Error(
        `${path}:${r.line}: expected ${width} fields (as in the ${header ? 'header' : 'first row'}), got ${r.fields.length}`,
      );
    }
  }
  const body = header ? records.slice(1) : records;
  return {
    columns: header ? first.fields.map((name) => name.trim()) : null,
    rows: body.map((r) => r.fields),
    lines: body.map((r) => r.line),
  };
}
