import { describe, expect, it } from 'vitest';
import { SimulatorClock } from '../../test-support/simulator/clock.js';

describe('SimulatorClock', () => {
  it('in manual mode runs transitions only when time is advanced, in due order, including chained ones', () => {
    const clock = new SimulatorClock('manual');
    const start = clock.now();
    const events: string[] = [];
    clock.schedule(100, () => {
      events.push(`a@${clock.now() - start}`);
      clock.schedule(50, () => events.push(`c@${clock.now() - start}`));
    });
    clock.schedule(120, () => events.push(`b@${clock.now() - start}`));
    clock.advance(99);
    expect(events).toEqual([]);
    expect(clock.pendingCount).toBe(2);
    clock.advance(51);
    expect(events).toEqual(['a@100', 'b@120', 'c@150']);
    expect(clock.now() - start).toBe(150);
  });

  it('settle runs everything pending and moves time to the last due time', () => {
    const clock = new SimulatorClock('manual');
    const start = clock.now();
    const seen: number[] = [];
    clock.schedule(300, () => seen.push(clock.now() - start));
    clock.schedule(200, () => seen.push(clock.now() - start));
    clock.settle();
    expect(seen).toEqual([200, 300]);
    expect(clock.pendingCount).toBe(0);
  });

  it('in auto mode fires transitions by itself and whenIdle resolves once they ran', async () => {
    const clock = new SimulatorClock('auto');
    let fired = false;
    clock.schedule(5, () => {
      fired = true;
    });
    expect(fired).toBe(false);
    await clock.whenIdle();
    expect(fired).toBe(true);
  });

  it('advance in auto mode fires due transitions immediately', () => {
    const clock = new SimulatorClock('auto');
    let fired = false;
    clock.schedule(60_000, () => {
      fired = true;
    });
    clock.advance(60_000);
    expect(fired).toBe(true);
    clock.stop();
  });

  it('in auto mode re-arms the remaining timers after an advance, so they fire at their new due time', async () => {
    const clock = new SimulatorClock('auto');
    let fired = false;
    clock.schedule(3_600_000, () => {
      fired = true;
    });
    clock.advance(3_599_990);
    expect(fired).toBe(false);
    await clock.whenIdle();
    expect(fired).toBe(true);
  });
});
