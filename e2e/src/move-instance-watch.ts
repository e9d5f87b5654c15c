import { isLifecycleEvent } from '../../packages/provider-incus/src/incus/api/event.js';
import type { IncusClient } from '../../packages/provider-incus/src/incus/index.js';

/** What tells one Incus instance from another of the same name: recreating it changes both. */
export interface InstanceIdentity {
  readonly name: string;
  readonly createdAt: string;
  /** `volatile.uuid`, which Incus gives each instance when it creates it. */
  readonly uuid: string;
}

/** The identities of the instances the Incus provider launched for a cluster, by name. */
export async function clusterInstanceIdentities(client: IncusClient, clusterName: string): Promise<InstanceIdentity[]> {
  const instances = await client.instances.list();
  return instances
    .filter((instance) => instance.config['user.cluster-name'] === clusterName)
    .map((instance) => ({
      name: instance.name,
      createdAt: instance.created_at,
      uuid: instance.config['volatile.uuid'] ?? '',
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A recording of Incus lifecycle events, see {@link watchInstanceLifecycle}. */
export interface InstanceLifecycleRecording {
  /** Ends the recording; returns `<action> <instance>` of each event whose instance name starts with the prefix. */
  stop(): Promise<string[]>;
}

/**
 * Records every lifecycle event (created, started, stopped, restarted, deleted, updated...) of the instances whose
 * names start with `namePrefix` from now until `stop()`: the daemon's own account of what was done to them.
 */
export async function watchInstanceLifecycle(
  client: IncusClient,
  namePrefix: string,
): Promise<InstanceLifecycleRecording> {
  const subscription = await client.events.subscribe({ types: ['lifecycle'] });
  return {
    async stop() {
      subscription.close();
      const seen: string[] = [];
      for await (const event of subscription) {
        if (!isLifecycleEvent(event)) continue;
        const instance = /^\/1\.0\/instances\/([^/?]+)/.exec(event.metadata.source)?.[1];
        if (instance?.startsWith(namePrefix)) seen.push(`${event.metadata.action} ${instance}`);
      }
      return seen;
    },
  };
}
