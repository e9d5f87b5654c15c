import { describe, expect, it } from 'vitest';
import { deadlineSignal } from '../../src/client/deadline-signal.js';

const aborted = (signal: AbortSignal) =>
  new Promise<unknown>((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));

describe('deadlineSignal', () => {
  it('aborts with a TimeoutError at the deadline', async () => {
    const { signal } = deadlineSignal(20);
    expect(signal.aborted).toBe(false);
    const reason = await aborted(signal);
    expect(reason).toBeInstanceOf(DOMException);
    expect((reason as DOMException).name).toBe('TimeoutError');
  });

  it('aborts with the parent and its reason before the deadline', async () => {
    const parent = new AbortController();
    const { signal, cancel } = deadlineSignal(60_000, parent.signal);
    parent.abort(new Error('stopping'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('stopping');
    cancel();
  });

  it('never aborts once cancelled', async () => {
    const { signal, cancel } = deadlineSignal(10);
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(signal.aborted).toBe(false);
  });
});
