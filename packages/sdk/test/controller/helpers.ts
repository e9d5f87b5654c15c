/** Polls `check` until it stops throwing (or returns true), or fails after `timeoutMs`. */
export async function eventually(check: () => unknown, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await check()) !== false) return;
      if (Date.now() > deadline) throw new Error('condition still false');
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Lets every pending promise callback and I/O callback run. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A promise the test resolves by hand. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
