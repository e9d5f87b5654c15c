import { randomBytes, randomInt } from 'node:crypto';
import type { IncusClient } from '../../src/incus/client.js';
import { isIncusNotFound } from '../../src/incus/errors.js';

/** A bridge of the test's own and a profile that puts instances on it. */
export interface TestBridge {
  network: string;
  profile: string;
  /** Deletes the profile and the bridge (after the instances using them are gone). */
  remove(): Promise<void>;
}

/**
 * A bridge on a random 10.89.x.0/24 subnet (no NAT, no routing) without Incus' firewall rules, and a profile with
 * a root disk and eth0 on it. The shared `incusbr0` rejects container-to-container traffic on hosts where
 * br_netfilter is loaded (bridged packets then pass Incus' forward chain), and a load balancer must reach its
 * backends; traffic on this bridge still only reaches the host and the test's own containers.
 */
export async function createTestBridge(client: IncusClient): Promise<TestBridge> {
  const suffix = randomBytes(3).toString('hex');
  const network = `capits${suffix}`;
  const profile = `capi-ts-lb-${suffix}`;
  await client.networks.create({
    name: network,
    type: 'bridge',
    config: {
      'ipv4.address': `10.89.${randomInt(0, 256)}.1/24`,
      'ipv4.nat': 'false',
      'ipv4.routing': 'false',
      'ipv4.firewall': 'false',
      'ipv6.address': 'none',
    },
  });
  await client.profiles.create({
    name: profile,
    config: {},
    devices: {
      root: { type: 'disk', path: '/', pool: 'default' },
      eth0: { type: 'nic', name: 'eth0', network },
    },
  });
  const ignoreMissing = (error: unknown) => {
    if (!isIncusNotFound(error)) throw error;
  };
  return {
    network,
    profile,
    async remove() {
      await client.profiles.delete(profile).catch(ignoreMissing);
      await client.networks.delete(network).catch(ignoreMissing);
    },
  };
}
