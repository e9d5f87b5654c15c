import type { VolumeFailurePolicy } from '../cinder/volumes.js';
import { ApiError } from '../errors.js';
import { isAdmin } from '../identity-state.js';
import { atLeast } from '../microversion.js';
import { noContent, ok, type Reply, type RequestContext, type Route, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import { beginServerDeletion, type ServerFailurePolicy, scheduleBuild } from './lifecycle.js';
import type { ServerRecord } from './records.js';
import { createServer, planServer } from './server-create.js';
import { computeLinks, findServer, serverView } from './server-view.js';

function nameMatcher(pattern: string): (name: string) => boolean {
  try {
    const expression = new RegExp(pattern);
    return (name) => expression.test(name);
  } catch {
    return (name) => name.includes(pattern);
  }
}

function tagList(query: URLSearchParams, name: string): string[] {
  return (query.get(name) ?? '').split(',').filter((tag) => tag !== '');
}

function listServers(runtime: SimulatorRuntime, context: RequestContext, detail: boolean): Reply {
  const { query } = context;
  const admin = isAdmin(context.token);
  const allTenants = admin && ['1', 'true', 'True'].includes(query.get('all_tenants') ?? '');
  let servers = [...runtime.state.compute.servers.values()]
    .reverse()
    .filter((server) => allTenants || server.projectId === context.token?.projectId);
  const name = query.get('name');
  if (name !== null) servers = servers.filter((server) => nameMatcher(name)(server.name));
  const filters: Array<[string, (server: ServerRecord, value: string) => boolean]> = [
    ['status', (server, value) => server.status === value.toUpperCase()],
    ['flavor', (server, value) => server.flavorId === value],
    ['image', (server, value) => server.imageId === value],
    ['availability_zone', (server, value) => server.availabilityZone === value],
  ];
  for (const [key, matches] of filters) {
    const value = query.get(key);
    if (value !== null) servers = servers.filter((server) => matches(server, value));
  }
  if (atLeast(context.microversion, '2.26')) {
    const all = tagList(query, 'tags');
    const any = tagList(query, 'tags-any');
    const notAll = tagList(query, 'not-tags');
    const notAny = tagList(query, 'not-tags-any');
    servers = servers.filter(
      (server) =>
        all.every((tag) => server.tags.includes(tag)) &&
        (any.length === 0 || any.some((tag) => server.tags.includes(tag))) &&
        (notAll.length === 0 || !notAll.every((tag) => server.tags.includes(tag))) &&
        !notAny.some((tag) => server.tags.includes(tag)),
    );
  }
  const marker = query.get('marker');
  if (marker) {
    const index = servers.findIndex((server) => server.id === marker);
    if (index < 0) throw new ApiError(400, `marker [${marker}] not found`);
    servers = servers.slice(index + 1);
  }
  const limit = Number(query.get('limit') ?? 0);
  const page = limit > 0 ? servers.slice(0, limit) : servers;
  const body: Record<string, unknown> = {
    servers: page.map((server) =>
      detail
        ? serverView(runtime, server, context)
        : { id: server.id, name: server.name, links: computeLinks(runtime, server.projectId, 'servers', server.id) },
    ),
  };
  if (limit > 0 && servers.length > limit) {
    const next = new URLSearchParams(query);
    next.set('marker', page[page.length - 1]!.id);
    body.servers_links = [{ rel: 'next', href: `${context.serviceUrl}${context.path}?${next.toString()}` }];
  }
  return ok(body);
}

/** Routes of `/v2.1/servers` (create, show, list, delete). */
export function serverRoutes(
  runtime: SimulatorRuntime,
  serverFailures: () => ServerFailurePolicy | undefined,
  volumeFailures: () => VolumeFailurePolicy | undefined,
): Route[] {
  return [
    route('GET', '/v2.1/servers', (context) => listServers(runtime, context, false)),
    route('GET', '/v2.1/servers/detail', (context) => listServers(runtime, context, true)),
    route('GET', '/v2.1/servers/{id}', (context) =>
      ok({ server: serverView(runtime, findServer(runtime, context.params.id!, context), context) }),
    ),
    route('POST', '/v2.1/servers', (context) => {
      const plan = planServer(runtime, context.body, context);
      const server = createServer(runtime, plan, context.body as Record<string, unknown>, context, volumeFailures);
      scheduleBuild(runtime, server, serverFailures);
      const links = computeLinks(runtime, server.projectId, 'servers', server.id);
      return {
        status: 202,
        headers: { Location: links[0]!.href },
        body: {
          server: {
            id: server.id,
            links,
            'OS-DCF:diskConfig': 'MANUAL',
            security_groups: [{ name: 'default' }],
            adminPass: server.adminPass,
          },
        },
      };
    }),
    route('DELETE', '/v2.1/servers/{id}', (context) => {
      beginServerDeletion(runtime, findServer(runtime, context.params.id!, context));
      return noContent();
    }),
  ];
}
