import { ApiError } from '../errors.js';
import { filteredList } from '../listing.js';
import { created, noContent, ok, type Reply, type RequestContext, type Route, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import {
  actingProject,
  booleanAttribute,
  findVisible,
  rejectUnknownAttributes,
  resourceBody,
  standardAttributes,
  stringAttribute,
  stringListAttribute,
  touch,
  visible,
} from './common.js';
import { checkNeutronQuota, neutronUsage } from './networks.js';
import { findPort } from './ports.js';
import type { NetworkState, SubPort, TrunkRecord } from './records.js';

const createAttributes = [
  'name',
  'description',
  'port_id',
  'admin_state_up',
  'sub_ports',
  'project_id',
  'tenant_id',
  'tags',
];
const updateAttributes = ['name', 'description', 'admin_state_up'];

function findTrunk(state: NetworkState, id: string, context: RequestContext): TrunkRecord {
  return findVisible(state.trunks, id, context.token, {
    type: 'TrunkNotFound',
    message: `Trunk ${id} could not be found.`,
  });
}

function subPortsOf(body: unknown): Array<Record<string, unknown>> {
  const list = (body as { sub_ports?: unknown } | undefined)?.sub_ports;
  if (!Array.isArray(list)) throw new ApiError(400, 'Invalid input for sub_ports. Reason: a list is required.');
  return list as Array<Record<string, unknown>>;
}

function addSubPorts(
  runtime: SimulatorRuntime,
  trunk: TrunkRecord,
  requested: Array<Record<string, unknown>>,
  context: RequestContext,
): void {
  const state = runtime.state.network;
  for (const entry of requested) {
    const port = findPort(state, String(entry.port_id), context);
    const inUse = [...state.trunks.values()].some(
      (other) => other.port_id === port.id || other.sub_ports.some((subPort) => subPort.port_id === port.id),
    );
    if (inUse || port.id === trunk.port_id) {
      throw new ApiError(409, `Port ${port.id} is in use by another trunk.`, 'PortInUseByTrunk');
    }
    const type = stringAttribute(entry, 'segmentation_type', 'vlan');
    const id = Number(entry.segmentation_id);
    if (type === 'vlan' && (!Number.isInteger(id) || id < 1 || id > 4094)) {
      throw new ApiError(
        400,
        `Invalid input for operation: Segmentation ID ${String(entry.segmentation_id)} is not valid for vlan.`,
        'InvalidInput',
      );
    }
    const subPort: SubPort = { port_id: port.id, segmentation_type: type, segmentation_id: id };
    trunk.sub_ports.push(subPort);
    port.device_owner = 'trunk:subport';
    port.device_id = trunk.id;
  }
}

/** Routes of `/v2.0/trunks`. */
export function trunkRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.network;
  return [
    route('GET', '/v2.0/trunks', (context) =>
      filteredList(
        context,
        'trunks',
        [...state.trunks.values()].filter((trunk) => visible(context.token, trunk)) as unknown as Record<
          string,
          unknown
        >[],
      ),
    ),
    route('GET', '/v2.0/trunks/{id}', (context) => ok({ trunk: findTrunk(state, context.params.id!, context) })),
    route('POST', '/v2.0/trunks', (context): Reply => {
      const body = resourceBody(context, 'trunk');
      rejectUnknownAttributes(body, createAttributes);
      if (typeof body.port_id !== 'string') {
        throw new ApiError(400, "Failed to parse request. Required attribute 'port_id' not specified");
      }
      const port = findPort(state, body.port_id, context);
      const existing = [...state.trunks.values()].find((trunk) => trunk.port_id === port.id);
      if (existing) throw new ApiError(409, `Port ${port.id} is in use by another trunk.`, 'TrunkPortInUse');
      if (port['binding:host_id'] !== '' || port.device_owner.startsWith('compute:')) {
        throw new ApiError(
          409,
          `Port ${port.id} is currently in use and is not eligible for use as a parent port.`,
          'ParentPortInUse',
        );
      }
      const projectId = actingProject(context, body);
      checkNeutronQuota(runtime, projectId, 'trunk', neutronUsage(state, projectId, 'trunk'));
      const trunk: TrunkRecord = {
        ...standardAttributes(runtime, projectId, body),
        name: stringAttribute(body, 'name', ''),
        port_id: port.id,
        admin_state_up: booleanAttribute(body, 'admin_state_up', true),
        status: 'DOWN',
        sub_ports: [],
      };
      trunk.tags = stringListAttribute(body, 'tags', []);
      if (body.sub_ports !== undefined) addSubPorts(runtime, trunk, subPortsOf(body), context);
      state.trunks.set(trunk.id, trunk);
      return created({ trunk });
    }),
    route('PUT', '/v2.0/trunks/{id}', (context) => {
      const trunk = findTrunk(state, context.params.id!, context);
      const body = resourceBody(context, 'trunk');
      rejectUnknownAttributes(body, updateAttributes);
      trunk.name = stringAttribute(body, 'name', trunk.name);
      trunk.description = stringAttribute(body, 'description', trunk.description);
      trunk.admin_state_up = booleanAttribute(body, 'admin_state_up', trunk.admin_state_up);
      touch(runtime, trunk);
      return ok({ trunk });
    }),
    route('GET', '/v2.0/trunks/{id}/get_subports', (context) =>
      ok({ sub_ports: findTrunk(state, context.params.id!, context).sub_ports }),
    ),
    route('PUT', '/v2.0/trunks/{id}/add_subports', (context) => {
      const trunk = findTrunk(state, context.params.id!, context);
      addSubPorts(runtime, trunk, subPortsOf(context.body), context);
      touch(runtime, trunk);
      return ok(trunk);
    }),
    route('PUT', '/v2.0/trunks/{id}/remove_subports', (context) => {
      const trunk = findTrunk(state, context.params.id!, context);
      for (const entry of subPortsOf(context.body)) {
        const index = trunk.sub_ports.findIndex((subPort) => subPort.port_id === entry.port_id);
        if (index < 0) {
          throw new ApiError(
            404,
            `SubPort ${String(entry.port_id)} cannot be found on trunk ${trunk.id}.`,
            'SubPortNotFound',
          );
        }
        trunk.sub_ports.splice(index, 1);
        const port = state.ports.get(String(entry.port_id));
        if (port) {
          port.device_owner = '';
          port.device_id = '';
        }
      }
      touch(runtime, trunk);
      return ok(trunk);
    }),
    route('DELETE', '/v2.0/trunks/{id}', (context) => {
      const trunk = findTrunk(state, context.params.id!, context);
      const parent = state.ports.get(trunk.port_id);
      if (parent && parent.device_id !== '') {
        throw new ApiError(409, `Trunk ${trunk.id} is currently in use.`, 'TrunkInUse');
      }
      for (const subPort of trunk.sub_ports) {
        const port = state.ports.get(subPort.port_id);
        if (port) {
          port.device_owner = '';
          port.device_id = '';
        }
      }
      state.trunks.delete(trunk.id);
      return noContent();
    }),
  ];
}
