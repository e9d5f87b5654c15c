import type { Devices } from '../src/incus/api/instance.js';
import type { IncusClient } from '../src/incus/client.js';
import { isIncusNotFound } from '../src/incus/errors.js';
import type { ExecResult } from '../src/incus/instance-exec.js';
import type { CloudImage } from './image.js';

/** A system container to launch from a local image. */
export interface LaunchOptions {
  name: string;
  image: CloudImage;
  /** cloud-init user data (`cloud-init.user-data`). */
  userData?: string;
  config?: Record<string, string>;
  devices?: Devices;
  /** Default: the `default` profile (root disk and, where networking works, eth0 on incusbr0). */
  profiles?: string[];
}

/** Creates and starts a system container; cloud-init starts working in it right away. */
export async function launchContainer(client: IncusClient, options: LaunchOptions): Promise<void> {
  const config = { ...options.config };
  if (options.userData !== undefined) config['cloud-init.user-data'] = options.userData;
  await client.instances.create(
    {
      name: options.name,
      type: 'container',
      source: { type: 'image', alias: options.image.alias },
      config,
      devices: options.devices ?? {},
      profiles: options.profiles,
      start: true,
    },
    { timeoutSeconds: 120 },
  );
}

/**
 * Waits for cloud-init to finish (`cloud-init status --wait --long`). The exit code is 0 when all
 * stages succeeded; the output names the failing stage otherwise.
 */
export function waitForCloudInit(client: IncusClient, name: string, timeoutSeconds = 240): Promise<ExecResult> {
  return client.exec.run(name, ['cloud-init', 'status', '--wait', '--long'], { timeoutSeconds });
}

/** Force-stops and deletes an instance; an instance that is already gone is fine. */
export async function deleteInstance(client: IncusClient, name: string): Promise<void> {
  try {
    const state = await client.instances.getState(name);
    if (state.pid !== 0) await client.instances.stop(name, { force: true, timeoutSeconds: 60 });
    await client.instances.delete(name, { timeoutSeconds: 60 });
  } catch (error) {
    if (!isIncusNotFound(error)) throw error;
  }
}

/** Remembers what a test creates and deletes all of it in `afterAll`. */
export class IncusCleanup {
  private readonly instances = new Set<string>();
  private readonly profiles = new Set<string>();

  constructor(private readonly client: IncusClient) {}

  /** Registers an instance name (before creating it, so half-created ones are removed too). */
  instance(name: string): string {
    this.instances.add(name);
    return name;
  }

  /** Registers a profile name. */
  profile(name: string): string {
    this.profiles.add(name);
    return name;
  }

  /** Deletes every registered instance, then every profile; reports all failures together. */
  async run(): Promise<void> {
    const failures: unknown[] = [];
    await Promise.all(
      [...this.instances].map((name) =>
        deleteInstance(this.client, name).catch((error: unknown) => failures.push(error)),
      ),
    );
    for (const name of this.profiles) {
      await this.client.profiles.delete(name).catch((error: unknown) => {
        if (!isIncusNotFound(error)) failures.push(error);
      });
    }
    this.instances.clear();
    this.profiles.clear();
    if (failures.length > 0) throw new AggregateError(failures, 'Incus cleanup failed');
  }
}
