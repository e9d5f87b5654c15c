import { createHash } from 'node:crypto';
import { ApiError } from '../errors.js';
import { isAdmin } from '../identity-state.js';
import { atLeast } from '../microversion.js';
import { created, noContent, ok, type RequestContext, type Route, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import { isoSeconds } from '../timestamps.js';
import type { ServerGroupRecord, SimulatorFlavor } from './records.js';
import { computeLinks } from './server-view.js';

function flavorView(runtime: SimulatorRuntime, context: RequestContext, flavor: SimulatorFlavor, detail: boolean) {
  const view: Record<string, unknown> = {
    id: flavor.id,
    name: flavor.name,
    links: computeLinks(runtime, context.token?.projectId ?? '', 'flavors', flavor.id),
  };
  if (atLeast(context.microversion, '2.55')) view.description = null;
  if (!detail) return view;
  Object.assign(view, {
    ram: flavor.ram,
    vcpus: flavor.vcpus,
    disk: flavor.disk,
    'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral ?? 0,
    'OS-FLV-DISABLED:disabled': false,
    swap: atLeast(context.microversion, '2.75') ? 0 : '',
    rxtx_factor: 1.0,
    'os-flavor-access:is_public': true,
  });
  if (atLeast(context.microversion, '2.61')) view.extra_specs = { ...flavor.extraSpecs };
  return view;
}

function usage(runtime: SimulatorRuntime, projectId: string) {
  let instances = 0;
  let cores = 0;
  let ram = 0;
  for (const server of runtime.state.compute.servers.values()) {
    if (server.projectId !== projectId) continue;
    const flavor = runtime.state.compute.flavors.get(server.flavorId);
    instances++;
    cores += flavor?.vcpus ?? 0;
    ram += flavor?.ram ?? 0;
  }
  const serverGroups = [...runtime.state.compute.serverGroups.values()].filter(
    (group) => group.projectId === projectId,
  ).length;
  return { instances, cores, ram, server_groups: serverGroups };
}

function groupView(context: RequestContext, group: ServerGroupRecord): Record<string, unknown> {
  const view: Record<string, unknown> = { id: group.id, name: group.name, members: group.members };
  if (atLeast(context.microversion, '2.64')) Object.assign(view, { policy: group.policy, rules: {} });
  else Object.assign(view, { policies: [group.policy], metadata: {} });
  if (atLeast(context.microversion, '2.13'))
    Object.assign(view, { project_id: group.projectId, user_id: group.userId });
  return view;
}

function flavorRoutes(runtime: SimulatorRuntime): Route[] {
  const flavors = () => [...runtime.state.compute.flavors.values()];
  return [
    route('GET', '/v2.1/flavors', (context) =>
      ok({ flavors: flavors().map((flavor) => flavorView(runtime, context, flavor, false)) }),
    ),
    route('GET', '/v2.1/flavors/detail', (context) =>
      ok({ flavors: flavors().map((flavor) => flavorView(runtime, context, flavor, true)) }),
    ),
    route('GET', '/v2.1/flavors/{id}', (context) => {
      const flavor = runtime.state.compute.flavors.get(context.params.id!);
      if (!flavor) throw new ApiError(404, `Flavor ${context.params.id} could not be found.`);
      return ok({ flavor: flavorView(runtime, context, flavor, true) });
    }),
  ];
}

function serverGroupRoutes(runtime: SimulatorRuntime): Route[] {
  const { compute } = runtime.state;
  const find = (context: RequestContext) => {
    const group = compute.serverGroups.get(context.params.id!);
    if (!group || (!isAdmin(context.token) && group.projectId !== context.token?.projectId)) {
      throw new ApiError(404, `Instance group ${context.params.id} could not be found.`);
    }
    return group;
  };
  return [
    route('GET', '/v2.1/os-server-groups', (context) =>
      ok({
        server_groups: [...compute.serverGroups.values()]
          .filter((group) => group.projectId === context.token?.projectId)
          .map((group) => groupView(context, group)),
      }),
    ),
    route('GET', '/v2.1/os-server-groups/{id}', (context) => ok({ server_group: groupView(context, find(context)) })),
    route('POST', '/v2.1/os-server-groups', (context) => {
      const request = (context.body as { server_group?: Record<string, unknown> } | undefined)?.server_group;
      const newStyle = atLeast(context.microversion, '2.64');
      const policy = newStyle ? request?.policy : (request?.policies as unknown[] | undefined)?.[0];
      if (
        typeof request?.name !== 'string' ||
        !['affinity', 'anti-affinity', 'soft-affinity', 'soft-anti-affinity'].includes(String(policy))
      ) {
        throw new ApiError(400, `Invalid input for field/attribute ${newStyle ? 'policy' : 'policies'}.`);
      }
      const projectId = context.token!.projectId!;
      const used = usage(runtime, projectId).server_groups;
      if (runtime.quotas.exceeds(projectId, 'compute.server_groups', used)) {
        throw new ApiError(403, 'Quota exceeded, too many server groups.');
      }
      const group: ServerGroupRecord = {
        id: runtime.ids.uuid(),
        name: request.name,
        policy: String(policy),
        projectId,
        userId: context.token!.userId,
        members: [],
      };
      compute.serverGroups.set(group.id, group);
      return ok({ server_group: groupView(context, group) });
    }),
    route('DELETE', '/v2.1/os-server-groups/{id}', (context) => {
      compute.serverGroups.delete(find(context).id);
      return noContent();
    }),
  ];
}

function keyPairRoutes(runtime: SimulatorRuntime): Route[] {
  const { compute } = runtime.state;
  const key = (context: RequestContext, name: string) => `${context.token!.userId}/${name}`;
  const view = (record: { name: string; publicKey: string; fingerprint: string; type: string }) => ({
    name: record.name,
    public_key: record.publicKey,
    fingerprint: record.fingerprint,
    type: record.type,
  });
  return [
    route('GET', '/v2.1/os-keypairs', (context) =>
      ok({
        keypairs: [...compute.keyPairs.values()]
          .filter((record) => record.userId === context.token?.userId)
          .map((record) => ({ keypair: view(record) })),
      }),
    ),
    route('GET', '/v2.1/os-keypairs/{name}', (context) => {
      const record = compute.keyPairs.get(key(context, context.params.name!));
      if (!record)
        throw new ApiError(404, `Keypair ${context.params.name} not found for user ${context.token?.userId}`);
      return ok({
        keypair: { ...view(record), user_id: record.userId, created_at: record.created, id: 1, deleted: false },
      });
    }),
    route('POST', '/v2.1/os-keypairs', (context) => {
      const request = (context.body as { keypair?: Record<string, unknown> } | undefined)?.keypair;
      if (typeof request?.name !== 'string' || typeof request.public_key !== 'string') {
        throw new ApiError(400, "Invalid input for field/attribute keypair. 'public_key' is a required property");
      }
      if (compute.keyPairs.has(key(context, request.name))) {
        throw new ApiError(409, `Key pair '${request.name}' already exists.`);
      }
      const digest = createHash('md5').update(request.public_key).digest('hex');
      const record = {
        name: request.name,
        userId: context.token!.userId,
        publicKey: request.public_key,
        fingerprint: digest.match(/../g)!.join(':'),
        type: typeof request.type === 'string' ? request.type : 'ssh',
        created: isoSeconds(runtime.clock.now()),
      };
      compute.keyPairs.set(key(context, record.name), record);
      const body = { keypair: { ...view(record), user_id: record.userId } };
      return atLeast(context.microversion, '2.2') ? created(body) : ok(body);
    }),
    route('DELETE', '/v2.1/os-keypairs/{name}', (context) => {
      if (!compute.keyPairs.delete(key(context, context.params.name!))) {
        throw new ApiError(404, `Keypair ${context.params.name} not found for user ${context.token?.userId}`);
      }
      return atLeast(context.microversion, '2.2') ? noContent() : { status: 202 };
    }),
  ];
}

function quotaRoutes(runtime: SimulatorRuntime): Route[] {
  return [
    route('GET', '/v2.1/os-quota-sets/{project}', (context) =>
      ok({ quota_set: { id: context.params.project, ...runtime.quotas.limitsOf(context.params.project!, 'compute') } }),
    ),
    route('GET', '/v2.1/os-quota-sets/{project}/detail', (context) => {
      const projectId = context.params.project!;
      const used: Record<string, number> = usage(runtime, projectId);
      const limits = runtime.quotas.limitsOf(projectId, 'compute');
      const detail = Object.fromEntries(
        Object.entries(limits).map(([name, limit]) => [name, { limit, in_use: used[name] ?? 0, reserved: 0 }]),
      );
      return ok({ quota_set: { id: projectId, ...detail } });
    }),
    route('GET', '/v2.1/limits', (context) => {
      const projectId = context.token!.projectId!;
      const used = usage(runtime, projectId);
      const limit = (name: string) => runtime.quotas.limit(projectId, `compute.${name}`);
      return ok({
        limits: {
          rate: [],
          absolute: {
            maxTotalInstances: limit('instances'),
            totalInstancesUsed: used.instances,
            maxTotalCores: limit('cores'),
            totalCoresUsed: used.cores,
            maxTotalRAMSize: limit('ram'),
            totalRAMUsed: used.ram,
            maxServerGroups: limit('server_groups'),
            totalServerGroupsUsed: used.server_groups,
            maxTotalKeypairs: limit('key_pairs'),
            maxServerMeta: 128,
            maxServerGroupMembers: 10,
          },
        },
      });
    }),
  ];
}

/** Flavors, availability zones, server groups, key pairs, quota sets and limits. */
export function inventoryRoutes(runtime: SimulatorRuntime): Route[] {
  return [
    ...flavorRoutes(runtime),
    route('GET', '/v2.1/os-availability-zone', () =>
      ok({
        availabilityZoneInfo: runtime.state.compute.availabilityZones.map((zoneName) => ({
          zoneName,
          zoneState: { available: true },
          hosts: null,
        })),
      }),
    ),
    ...serverGroupRoutes(runtime),
    ...keyPairRoutes(runtime),
    ...quotaRoutes(runtime),
  ];
}
