/** One line of the result table. */
export interface ResultRow {
  benchmark: string;
  value: number;
  unit: string;
  notes: string;
}

const HEADERS = ['benchmark', 'value', 'unit', 'notes'] as const;

/** Integers as they are, other numbers with about three significant digits. */
export function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** The rows as a plain-text table with aligned columns (values right-aligned), ending in a newline. */
export function renderTable(rows: readonly ResultRow[]): string {
  const cells = rows.map((row) => [row.benchmark, formatValue(row.value), row.unit, row.notes]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...cells.map((line) => line[column]?.length ?? 0)),
  );
  const render = (line: readonly string[]) =>
    line
      .map((cell, column) => (column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return `${[render(HEADERS), rule, ...cells.map(render)].join('\n')}\n`;
}
