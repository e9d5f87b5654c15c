import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

const GOLDEN_DIR = new URL('../golden/', import.meta.url);

/**
 * Compares `actual` with `test/golden/<name>`. Run with `UPDATE_GOLDEN=1` to (re)write the file after a reviewed
 * change; a missing file fails the test otherwise.
 */
export function expectGolden(name: string, actual: string): void {
  const file = new URL(name, GOLDEN_DIR);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  expect(existsSync(file), `golden file test/golden/${name} is missing (UPDATE_GOLDEN=1 writes it)`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
