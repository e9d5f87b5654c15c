import type { ResolvedPortSpec } from '../api/v1beta1/ports.js';
import { isConflict, isNotFound, neutron, nova, type OpenStackSession } from '../openstack/index.js';
import { hasTrunkExtension } from './ports.js';

/** Where a deletion stands: done, or waiting for something that is still going away or still in use. */
export type DeletionProgress = { readonly done: true } | { readonly done: false; readonly waitingFor: string };

/** Looks a server up by its recorded id, else by its exact name (a server created before its id was recorded). */
export async function findServer(
  compute: nova.ComputeApi,
  instanceID: string | undefined,
  name: string,
): Promise<nova.Server | undefined> {
  if (instanceID !== undefined && instanceID !== '') {
    try {
      return await nova.getServer(compute, instanceID);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
  return nova.findServerByName(compute, name);
}

/**
 * Deletes the Nova server, if there is one, and reports whether it is gone. Asking again while Nova is deleting
 * it is harmless (Nova ignores a second delete of a deleting server).
 */
export async function deleteServerIfPresent(
  compute: nova.ComputeApi,
  instanceID: string | undefined,
  name: string,
): Promise<DeletionProgress> {
  const server = await findServer(compute, instanceID, name);
  if (server === undefined || server.status === 'DELETED' || server.status === 'SOFT_DELETED') return { done: true };
  try {
    await nova.deleteServer(compute, server.id);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return { done: true };
  }
  return { done: false, waitingFor: `server ${server.id} is being deleted` };
}

/**
 * The ports of a server to delete: the recorded ids plus any port of a resolved spec found by name and network
 * (created before its id was recorded), without duplicates.
 */
export async function portsToDelete(
  session: OpenStackSession,
  recorded: readonly { readonly id: string }[],
  resolved: readonly ResolvedPortSpec[],
): Promise<string[]> {
  const ids = new Set(recorded.map((port) => port.id));
  for (const spec of resolved.slice(recorded.length)) {
    for (const port of await neutron.listPorts(session, { name: spec.name, networkId: spec.networkID })) {
      ids.add(port.id);
    }
  }
  return [...ids];
}

/**
 * Deletes ports, each port's trunk first (its subports removed), as CAPO does after the server is gone. A 409
 * (still bound, trunk busy) leaves the deletion waiting; 404 counts as deleted.
 */
export async function deletePorts(session: OpenStackSession, portIds: readonly string[]): Promise<DeletionProgress> {
  const trunks = portIds.length > 0 && (await hasTrunkExtension(session));
  for (const portId of portIds) {
    try {
      if (trunks) await deleteTrunksOf(session, portId);
      await neutron.deletePort(session, portId);
    } catch (err) {
      if (isNotFound(err)) continue;
      if (isConflict(err)) return { done: false, waitingFor: `port ${portId} is still in use` };
      throw err;
    }
  }
  return { done: true };
}

async function deleteTrunksOf(session: OpenStackSession, portId: string): Promise<void> {
  for (const trunk of await neutron.listTrunks(session, { portId })) {
    const subports = trunk.sub_ports.map((subport) => subport.port_id);
    if (subports.length > 0) await neutron.removeSubports(session, trunk.id, subports);
    try {
      await neutron.deleteTrunk(session, trunk.id);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
