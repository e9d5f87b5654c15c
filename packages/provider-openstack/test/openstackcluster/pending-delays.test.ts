import { describe, expect, it } from 'vitest';
import { PendingDelays } from '../../src/controllers/openstackcluster/pending-delays.js';

describe('PendingDelays', () => {
  it('doubles the delay per look while an object waits for the same thing, up to 30 s', () => {
    const delays = new PendingDelays();
    const looks = Array.from({ length: 7 }, () => delays.next('default/a', 'load balancer lb-1 is PENDING_DELETE'));
    expect(looks).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('starts over when the object waits for something else, so a wait after a long one is looked at again soon', () => {
    const delays = new PendingDelays();
    for (let i = 0; i < 5; i++) delays.next('default/a', 'bastion a-bastion is being deleted');
    // The bastion went; the load balancer it now waits for was looked at once per reconcile the bastion's events caused.
    expect(delays.next('default/a', 'load balancer lb-1 is being deleted')).toBe(1_000);
    expect(delays.next('default/a', 'load balancer lb-1 is being deleted')).toBe(2_000);
  });

  it('keeps one delay per object and starts over after reset', () => {
    const delays = new PendingDelays();
    delays.next('default/a');
    delays.next('default/a');
    expect(delays.next('default/b')).toBe(1_000);
    expect(delays.next('default/a')).toBe(4_000);
    delays.reset('default/a');
    expect(delays.next('default/a')).toBe(1_000);
  });
});
