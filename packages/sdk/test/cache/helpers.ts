import type { IncomingMessage } from 'node:http';
import {
  builtin,
  type CacheEvent,
  type Informer,
  type KubeClient,
  type KubeObject,
  type ResourceType,
  storeKeyOf,
} from '../../src/index.js';
import type { TestEnvironment } from '../../src/testing/index.js';

export { eventually } from '../../src/testing/index.js';

/** Records an informer's events and replays them into a map, the way a consumer that only sees events would. */
export function recordEvents<T extends KubeObject>(informer: Informer<T>) {
  const events: CacheEvent<T>[] = [];
  const mirror = new Map<string, Readonly<T>>();
  const unsubscribe = informer.subscribe((event) => {
    events.push(event);
    if (event.type === 'deleted') mirror.delete(storeKeyOf(event.object));
    else mirror.set(storeKeyOf(event.object), event.object);
  });
  const summary = () => events.map((e) => `${e.type}${e.initial ? '(initial)' : ''} ${e.object.metadata.name}`);
  return { events, mirror, summary, unsubscribe };
}

/** `namespace/name → resourceVersion` of a set of objects, to compare a cache with the server. */
export function versions(objects: Iterable<Readonly<KubeObject>>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const object of objects) out[storeKeyOf(object)] = object.metadata.resourceVersion;
  return out;
}

/** What the API server holds for `type` in `namespace`, as {@link versions}. */
export async function serverVersions(client: KubeClient, type: ResourceType, namespace: string) {
  return versions((await client.listAll(type, { namespace })).items);
}

export async function createNamespace(client: KubeClient, name: string): Promise<void> {
  await client.create(builtin.namespace, { metadata: { name } });
}

/** A ConfigMap object to create. */
export function configMap(namespace: string, name: string, data: Record<string, string> = {}): KubeObject {
  return { metadata: { namespace, name }, data };
}

/** The API server's Prometheus metrics, as text. */
export async function apiServerMetrics(env: TestEnvironment): Promise<string> {
  const res: IncomingMessage = await env.transport.stream({ method: 'GET', path: '/metrics' });
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** How many WATCH requests for `resource` the API server is serving right now. */
export async function openWatches(env: TestEnvironment, resource: string): Promise<number> {
  const metrics = await apiServerMetrics(env);
  let total = 0;
  for (const line of metrics.split('\n')) {
    if (!line.startsWith('apiserver_longrunning_requests{')) continue;
    if (!line.includes(`resource="${resource}"`) || !line.includes('verb="WATCH"')) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
