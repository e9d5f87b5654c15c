import type { ObjectEventRecorder } from '@capi-ts/sdk';
import type { ResolvedPortSpec } from '../api/v1beta1/ports.js';
import { recordCall } from '../controllers/shared/events.js';
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
 * it is harmless (Nova ignores a second delete of a deleting server). The delete is recorded as CAPO's
 * `DeleteServer` event about `events`' object.
 */
export async function deleteServerIfPresent(
  compute: nova.ComputeApi,
  events: ObjectEventRecorder,
  instanceID: string | undefined,
  name: string,
): Promise<DeletionProgress> {
  const server = await findServer(compute, instanceID, name);
  if (server === undefined || server.status === 'DELETED' || server.status === 'SOFT_DELETED') return { done: true };
  try {
    await recordCall(
      events,
      {
        action: 'DeleteServer',
        attempt: `delete server ${name}`,
        done: () => `Deleted server ${name} with id ${server.id}`,
        expected: isNotFound,
      },
      () => nova.deleteServer(compute, server.id),
    );
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
 * (still bound, trunk busy) leaves the deletion waiting; 404 counts as deleted. Recorded as CAPO's `DeletePort`,
 * `DeleteTrunk` and `RemoveTrunkSubports` events about `events`' object (a 409 being a wait, not a failure).
 */
export async function deletePorts(
  session: OpenStackSession,
  events: ObjectEventRecorder,
  portIds: readonly string[],
): Promise<DeletionProgress> {
  const trunks = portIds.length > 0 && (await hasTrunkExtension(session));
  for (const portId of portIds) {
    try {
      if (trunks) await deleteTrunksOf(session, events, portId);
      await recordCall(
        events,
        {
          action: 'DeletePort',
          attempt: `delete port ${portId}`,
          done: () => `Deleted port ${portId}`,
          expected: notAFailure,
        },
        () => neutron.deletePort(session, portId),
      );
    } catch (err) {
      if (isNotFound(err)) continue;
      if (isConflict(err)) return { done: false, waitingFor: `port ${portId} is still in use` };
      throw err;
    }
  }
  return { done: true };
}

/** 404 (already gone) and 409 (still in use: waited for) are no failures of a deletion. */
const notAFailure = (err: unknown): boolean => isNotFound(err) || isConflict(err);

async function deleteTrunksOf(session: OpenStackSession, events: ObjectEventRecorder, portId: string): Promise<void> {
  for (const trunk of await neutron.listTrunks(session, { portId })) {
    const subports = trunk.sub_ports.map((subport) => subport.port_id);
    if (subports.length > 0) {
      await recordCall(
        events,
        {
          action: 'RemoveTrunkSubports',
          attempt: `remove the subports of trunk ${trunk.id}`,
          done: () => `Removed ${subports.length} subports from trunk ${trunk.id}`,
          expected: notAFailure,
        },
        () => neutron.removeSubports(session, trunk.id, subports),
      );
    }
    try {
      await recordCall(
        events,
        {
          action: 'DeleteTrunk',
          attempt: `delete trunk ${trunk.id}`,
          done: () => `Deleted trunk ${trunk.id}`,
          expected: notAFailure,
        },
        () => neutron.deleteTrunk(session, trunk.id),
      );
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
