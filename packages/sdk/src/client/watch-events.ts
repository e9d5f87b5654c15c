import type { Readable } from 'node:stream';
import type { StatusBody } from './errors.js';
import type { KubeObject } from './object.js';

/** One event of a watch stream, as the API server sends it. */
export type WatchEvent<T extends KubeObject = KubeObject> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: T }
  | { type: 'ERROR'; object: StatusBody };

/**
 * Reads the newline-delimited JSON events of a watch response. A line that is not valid JSON ends the stream
 * with an error instead of being skipped, so a corrupted stream is noticed and relisted rather than silently
 * losing an event.
 */
export async function* readWatchEvents<T extends KubeObject = KubeObject>(
  stream: Readable,
): AsyncGenerator<WatchEvent<T>> {
  let buffered = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) {
    buffered += chunk as string;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line.length > 0) yield parseEvent<T>(line);
      newline = buffered.indexOf('\n');
    }
  }
  const rest = buffered.trim();
  if (rest.length > 0) yield parseEvent<T>(rest);
}

function parseEvent<T extends KubeObject>(line: string): WatchEvent<T> {
  try {
    return JSON.parse(line) as WatchEvent<T>;
  } catch (err) {
    throw new Error(`malformed watch event (${(err as Error).message}): ${line.slice(0, 200)}`);
  }
}
