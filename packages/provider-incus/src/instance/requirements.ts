import type { InstanceSource } from '../incus/api/instance.js';
import type { ServerInfo } from '../incus/api/server.js';

/** A server capability an instance needs and the server lacks. */
export interface MissingCapability {
  /** The API extension (or `driver:qemu`) that is missing. */
  name: string;
  /** A sentence for the `InstanceProvisioned` condition. */
  message: string;
}

/** What decides the server requirements of an instance. */
export interface RequirementInput {
  instanceType: 'container' | 'virtual-machine' | 'kind';
  source: InstanceSource;
}

/**
 * The capabilities of `server` that the instance needs and that are missing: kind instances need the
 * `instance_oci` and `instance_oci_entrypoint` API extensions (Incus 6.5 and 6.11; Canonical LXD has neither),
 * any other OCI image needs `instance_oci`, and virtual machines need the daemon's `qemu` driver.
 */
export function missingCapabilities(
  server: Pick<ServerInfo, 'api_extensions' | 'environment'>,
  input: RequirementInput,
): MissingCapability[] {
  const extensions = new Set(server.api_extensions);
  const missing: MissingCapability[] = [];
  const needExtension = (name: string, why: string): void => {
    if (!extensions.has(name))
      missing.push({ name, message: `${why} need the Incus API extension ${name}, which the server lacks` });
  };
  if (input.instanceType === 'kind') {
    needExtension('instance_oci', 'kind instances (OCI application containers)');
    needExtension('instance_oci_entrypoint', 'kind instances (OCI application containers)');
  } else if (input.source.protocol === 'oci') {
    needExtension('instance_oci', 'OCI images');
  }
  if (input.instanceType === 'virtual-machine') {
    const drivers = (server.environment?.driver ?? '').split('|').map((driver) => driver.trim());
    if (!drivers.includes('qemu')) {
      missing.push({
        name: 'driver:qemu',
        message: `virtual-machine instances need the qemu driver, which the server lacks (drivers: ${drivers.filter(Boolean).join(', ') || 'none'})`,
      });
    }
  }
  return missing;
}
