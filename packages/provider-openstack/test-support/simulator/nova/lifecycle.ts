import { beginVolumeDeletion, detachVolume } from '../cinder/volumes.js';
import { removePort } from '../neutron/ports.js';
import type { SimulatorRuntime } from '../runtime.js';
import { isoSeconds } from '../timestamps.js';
import type { ServerRecord } from './records.js';

/** Decides whether a server's build fails: returns the fault message, or `undefined` for success. */
export type ServerFailurePolicy = (server: {
  readonly name: string;
  readonly flavorName: string;
  readonly imageId: string;
  readonly availabilityZone: string;
}) => string | undefined;

function setPortStatus(runtime: SimulatorRuntime, server: ServerRecord, status: 'ACTIVE' | 'DOWN'): void {
  const { network } = runtime.state;
  for (const { portId } of server.ports) {
    const port = network.ports.get(portId);
    if (port) port.status = status;
    for (const trunk of network.trunks.values()) if (trunk.port_id === portId) trunk.status = status;
  }
}

/** Schedules the end of a build: ACTIVE, or ERROR with a `fault` when the failure policy says so. */
export function scheduleBuild(
  runtime: SimulatorRuntime,
  server: ServerRecord,
  failures: () => ServerFailurePolicy | undefined,
): void {
  runtime.clock.schedule(runtime.delays.serverBuildMs, () => {
    if (server.status !== 'BUILD' || !runtime.state.compute.servers.has(server.id)) return;
    const now = isoSeconds(runtime.clock.now());
    const flavorName = runtime.state.compute.flavors.get(server.flavorId)?.name ?? server.flavorId;
    const message = failures()?.({
      name: server.name,
      flavorName,
      imageId: server.imageId,
      availabilityZone: server.availabilityZone,
    });
    server.taskState = null;
    server.updated = now;
    if (message !== undefined) {
      server.status = 'ERROR';
      server.vmState = 'error';
      server.fault = {
        code: 500,
        message,
        details: `Traceback (most recent call last):\n  nova.exception.BuildAbortException: ${message}\n`,
        created: now,
      };
      setPortStatus(runtime, server, 'DOWN');
      return;
    }
    server.status = 'ACTIVE';
    server.vmState = 'active';
    server.powerState = 1;
    server.launchedAt = now.replace('Z', '.000000');
    setPortStatus(runtime, server, 'ACTIVE');
  });
}

/**
 * Starts deleting a server (task_state `deleting`); after `delays.serverDeleteMs` it is gone: ports Nova created are
 * deleted, pre-created ports unbound, volumes detached (and deleted when `delete_on_termination`).
 */
export function beginServerDeletion(runtime: SimulatorRuntime, server: ServerRecord): void {
  if (server.taskState === 'deleting') return;
  server.taskState = 'deleting';
  server.updated = isoSeconds(runtime.clock.now());
  runtime.clock.schedule(runtime.delays.serverDeleteMs, () => {
    const { network, volume, compute } = runtime.state;
    for (const { portId, createdByNova } of server.ports) {
      const port = network.ports.get(portId);
      if (!port) continue;
      if (createdByNova) {
        removePort(runtime, port);
        continue;
      }
      port.device_id = '';
      port.device_owner = '';
      port['binding:host_id'] = '';
      port['binding:vif_type'] = 'unbound';
      port.status = 'DOWN';
      for (const trunk of network.trunks.values()) if (trunk.port_id === portId) trunk.status = 'DOWN';
    }
    for (const attached of server.volumes) {
      const record = volume.volumes.get(attached.volumeId);
      if (!record) continue;
      detachVolume(runtime, record, server.id);
      if (attached.deleteOnTermination && record.attachments.length === 0) beginVolumeDeletion(runtime, record);
    }
    for (const group of compute.serverGroups.values()) group.members = group.members.filter((id) => id !== server.id);
    compute.servers.delete(server.id);
  });
}
