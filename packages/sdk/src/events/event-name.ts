/**
 * Names Events as client-go does: `<object name>.<hex of the Unix time in nanoseconds>` (16 hex digits today).
 * The nanoseconds only ever increase within the process, so two events recorded in the same millisecond get
 * different names.
 */
export class EventNamer {
  private last = 0n;

  constructor(private readonly nowMs: () => number = Date.now) {}

  /** A fresh name for an Event about the object named `objectName`. */
  next(objectName: string): string {
    const nanos = BigInt(Math.trunc(this.nowMs())) * 1_000_000n;
    this.last = nanos > this.last ? nanos : this.last + 1n;
    return `${objectName}.${this.last.toString(16)}`;
  }
}
