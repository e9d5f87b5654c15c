import type { RecordedRequest } from '../test-support/index.js';

/** A request's path with resource ids (UUIDs, hex ids, numbers) replaced by `{id}`. */
export function pathTemplate(path: string): string {
  return path
    .split('/')
    .map((segment) => (/^[0-9a-f-]{8,}$/i.test(segment) || /^\d+$/.test(segment) ? '{id}' : segment))
    .join('/');
}

/** Counts of requests keyed `service method path-template`. */
export function countByEndpoint(requests: readonly RecordedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const key = [request.service ?? '-', request.method, pathTemplate(request.path)].join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Counts of requests keyed `service method`. */
export function countByServiceMethod(requests: readonly RecordedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const key = `${request.service ?? '-'} ${request.method}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Right-aligned columns (the first left-aligned), one line per row, the header first. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ');
  return [render(header), ...rows.map(render)].join('\n');
}
