import { attachVolume, detachVolume, findVolume } from '../cinder/volumes.js';
import { ApiError } from '../errors.js';
import { atLeast } from '../microversion.js';
import { findPort, insertPort, removePort } from '../neutron/ports.js';
import { accepted, created, noContent, ok, type RequestContext, type Route, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import { isoSeconds } from '../timestamps.js';
import type { ServerRecord } from './records.js';
import { findServer } from './server-view.js';

function requireMicroversion(context: RequestContext, version: string): void {
  if (!atLeast(context.microversion, version)) throw new ApiError(404, 'The resource could not be found.');
}

function requireState(server: ServerRecord, action: string, states: readonly string[]): void {
  if (!states.includes(server.vmState) || server.taskState !== null) {
    throw new ApiError(
      409,
      `Cannot '${action}' instance ${server.id} while it is in ${server.taskState ? `task_state ${server.taskState}` : `vm_state ${server.vmState}`}`,
    );
  }
}

function touched(runtime: SimulatorRuntime, server: ServerRecord): void {
  server.updated = isoSeconds(runtime.clock.now());
}

function tagRoutes(runtime: SimulatorRuntime): Route[] {
  const server = (context: RequestContext) => {
    requireMicroversion(context, '2.26');
    return findServer(runtime, context.params.id!, context);
  };
  return [
    route('GET', '/v2.1/servers/{id}/tags', (context) => ok({ tags: server(context).tags })),
    route('PUT', '/v2.1/servers/{id}/tags', (context) => {
      const target = server(context);
      const tags = (context.body as { tags?: unknown } | undefined)?.tags;
      if (
        !Array.isArray(tags) ||
        tags.length > 50 ||
        tags.some((tag) => typeof tag !== 'string' || tag === '' || tag.includes(',') || tag.includes('/'))
      ) {
        throw new ApiError(400, 'Invalid input for field/attribute tags.');
      }
      target.tags = [...new Set(tags as string[])];
      touched(runtime, target);
      return ok({ tags: target.tags });
    }),
    route('DELETE', '/v2.1/servers/{id}/tags', (context) => {
      const target = server(context);
      target.tags = [];
      return noContent();
    }),
    route('GET', '/v2.1/servers/{id}/tags/{tag}', (context) => {
      if (!server(context).tags.includes(context.params.tag!)) {
        throw new ApiError(404, `Tag '${context.params.tag}' could not be found for instance ${context.params.id}`);
      }
      return noContent();
    }),
    route('PUT', '/v2.1/servers/{id}/tags/{tag}', (context) => {
      const target = server(context);
      if (target.tags.includes(context.params.tag!)) return noContent();
      if (target.tags.length >= 50) throw new ApiError(400, 'The number of tags exceeded the per-server limit 50');
      target.tags.push(context.params.tag!);
      return created(undefined, { Location: `${context.serviceUrl}${context.path}` });
    }),
    route('DELETE', '/v2.1/servers/{id}/tags/{tag}', (context) => {
      const target = server(context);
      if (!target.tags.includes(context.params.tag!)) {
        throw new ApiError(404, `Tag '${context.params.tag}' could not be found for instance ${context.params.id}`);
      }
      target.tags = target.tags.filter((tag) => tag !== context.params.tag);
      return noContent();
    }),
  ];
}

function attachmentView(context: RequestContext, serverId: string, volume: ServerRecord['volumes'][number]) {
  const view: Record<string, unknown> = {
    id: volume.volumeId,
    serverId,
    volumeId: volume.volumeId,
    device: volume.device,
  };
  if (atLeast(context.microversion, '2.70')) view.tag = volume.tag ?? null;
  if (atLeast(context.microversion, '2.79')) view.delete_on_termination = volume.deleteOnTermination;
  return view;
}

function volumeAttachmentRoutes(runtime: SimulatorRuntime): Route[] {
  return [
    route('GET', '/v2.1/servers/{id}/os-volume_attachments', (context) => {
      const server = findServer(runtime, context.params.id!, context);
      return ok({ volumeAttachments: server.volumes.map((volume) => attachmentView(context, server.id, volume)) });
    }),
    route('POST', '/v2.1/servers/{id}/os-volume_attachments', (context) => {
      const server = findServer(runtime, context.params.id!, context);
      const request = (context.body as { volumeAttachment?: Record<string, unknown> } | undefined)?.volumeAttachment;
      if (typeof request?.volumeId !== 'string') {
        throw new ApiError(
          400,
          "Invalid input for field/attribute volumeAttachment. 'volumeId' is a required property",
        );
      }
      requireState(server, 'attach_volume', ['active', 'stopped']);
      const volume = findVolume(runtime, request.volumeId, context);
      if (volume.multiattach && !atLeast(context.microversion, '2.60')) {
        throw new ApiError(400, 'Multiattach volumes are only supported starting with compute API version 2.60.');
      }
      if (server.volumes.some((attached) => attached.volumeId === volume.id)) {
        throw new ApiError(409, `volume ${volume.id} already attached`);
      }
      if (volume.status !== 'available' && !(volume.status === 'in-use' && volume.multiattach)) {
        throw new ApiError(
          400,
          `Invalid volume: volume '${volume.id}' status must be 'available'. Currently in '${volume.status}'`,
        );
      }
      const device = `/dev/vd${String.fromCharCode('b'.charCodeAt(0) + server.volumes.length)}`;
      attachVolume(runtime, volume, server.id, device);
      const attached = {
        volumeId: volume.id,
        device,
        deleteOnTermination: request.delete_on_termination === true,
        tag: typeof request.tag === 'string' ? request.tag : undefined,
      };
      server.volumes.push(attached);
      return ok({ volumeAttachment: attachmentView(context, server.id, attached) });
    }),
    route('DELETE', '/v2.1/servers/{id}/os-volume_attachments/{volume}', (context) => {
      const server = findServer(runtime, context.params.id!, context);
      const attached = server.volumes.find((volume) => volume.volumeId === context.params.volume);
      if (!attached) {
        throw new ApiError(404, `Volume ${context.params.volume} is not attached to ${server.id}`);
      }
      requireState(server, 'detach_volume', ['active', 'stopped', 'error']);
      server.volumes = server.volumes.filter((volume) => volume !== attached);
      const volume = runtime.state.volume.volumes.get(attached.volumeId);
      if (volume) detachVolume(runtime, volume, server.id);
      return accepted();
    }),
  ];
}

function interfaceView(runtime: SimulatorRuntime, context: RequestContext, portId: string, tag: string | undefined) {
  const port = runtime.state.network.ports.get(portId);
  const view: Record<string, unknown> = {
    port_state: port?.status,
    fixed_ips: port?.fixed_ips ?? [],
    port_id: portId,
    net_id: port?.network_id,
    mac_addr: port?.mac_address,
  };
  if (atLeast(context.microversion, '2.70')) view.tag = tag ?? null;
  return view;
}

function interfaceRoutes(runtime: SimulatorRuntime): Route[] {
  return [
    route('GET', '/v2.1/servers/{id}/os-interface', (context) => {
      const server = findServer(runtime, context.params.id!, context);
      return ok({
        interfaceAttachments: server.ports.map((port) => interfaceView(runtime, context, port.portId, port.tag)),
      });
    }),
    route('GET', '/v2.1/servers/{id}/os-interface/{port}', (context) => {
      const server = findServer(runtime, context.params.id!, context);
      const attached = server.ports.find((port) => port.portId === context.params.port);
      if (!attached) throw new ApiError(404, `Port ${context.params.port} is not attached`);
      return ok({ interfaceAttachment: interfaceView(runtime, context, attached.portId, attached.tag) });
    }),
    route('POST', '/v2.1/servers/{id}/os-interface', (context) => {
      const server = findServer(runtime, context.params.id!, context);
      requireState(server, 'interface_attach', ['active', 'stopped']);
      const request =
        (context.body as { interfaceAttachment?: Record<string, unknown> } | undefined)?.interfaceAttachment ?? {};
      let portId: string;
      let createdByNova = false;
      if (typeof request.port_id === 'string') {
        const port = findPort(runtime.state.network, request.port_id, context);
        if (port.device_id !== '') throw new ApiError(409, `Port ${port.id} is still in use.`);
        portId = port.id;
      } else if (typeof request.net_id === 'string') {
        if (!runtime.state.network.networks.has(request.net_id))
          throw new ApiError(404, `Network ${request.net_id} could not be found.`);
        portId = insertPort(runtime, server.projectId, { network_id: request.net_id, fixed_ips: request.fixed_ips }).id;
        createdByNova = true;
      } else {
        throw new ApiError(400, 'Must input network_id when request IP address');
      }
      const port = runtime.state.network.ports.get(portId)!;
      port.device_id = server.id;
      port.device_owner = `compute:${server.availabilityZone}`;
      port['binding:host_id'] = server.host;
      port['binding:vif_type'] = 'ovs';
      port.status = 'ACTIVE';
      const tag = typeof request.tag === 'string' ? request.tag : undefined;
      server.ports.push({ portId, createdByNova, tag });
      return ok({ interfaceAttachment: interfaceView(runtime, context, portId, tag) });
    }),
    route('DELETE', '/v2.1/servers/{id}/os-interface/{port}', (context) => {
      const server = findServer(runtime, context.params.id!, context);
      const attached = server.ports.find((port) => port.portId === context.params.port);
      if (!attached) throw new ApiError(404, `Port ${context.params.port} is not attached`);
      requireState(server, 'interface_detach', ['active', 'stopped']);
      server.ports = server.ports.filter((port) => port !== attached);
      const port = runtime.state.network.ports.get(attached.portId);
      if (port && attached.createdByNova) removePort(runtime, port);
      else if (port) {
        port.device_id = '';
        port.device_owner = '';
        port['binding:host_id'] = '';
        port['binding:vif_type'] = 'unbound';
        port.status = 'DOWN';
      }
      return accepted();
    }),
  ];
}

function actionRoutes(runtime: SimulatorRuntime): Route[] {
  return [
    route('POST', '/v2.1/servers/{id}/action', (context) => {
      const server = findServer(runtime, context.params.id!, context);
      const body = (context.body ?? {}) as Record<string, unknown>;
      if ('os-getConsoleOutput' in body) {
        const lines = [`Simulated console of ${server.name} (${server.id})`, `status ${server.status}`];
        const length = Number((body['os-getConsoleOutput'] as { length?: unknown } | null)?.length ?? 0);
        return ok({ output: `${(length > 0 ? lines.slice(-length) : lines).join('\n')}\n` });
      }
      if ('os-stop' in body) {
        requireState(server, 'stop', ['active', 'error']);
        server.status = 'SHUTOFF';
        server.vmState = 'stopped';
        server.powerState = 4;
        touched(runtime, server);
        return accepted();
      }
      if ('os-start' in body) {
        requireState(server, 'start', ['stopped']);
        server.status = 'ACTIVE';
        server.vmState = 'active';
        server.powerState = 1;
        touched(runtime, server);
        return accepted();
      }
      if ('reboot' in body) {
        requireState(server, 'reboot', ['active', 'stopped', 'error']);
        server.status = 'ACTIVE';
        server.vmState = 'active';
        server.powerState = 1;
        touched(runtime, server);
        return accepted();
      }
      throw new ApiError(400, `There is no such action: ${Object.keys(body).join(',')}`);
    }),
  ];
}

/** Sub-resources of a server: tags (2.26+), volume attachments, interfaces and actions. */
export function serverResourceRoutes(runtime: SimulatorRuntime): Route[] {
  return [
    ...tagRoutes(runtime),
    ...volumeAttachmentRoutes(runtime),
    ...interfaceRoutes(runtime),
    ...actionRoutes(runtime),
  ];
}
