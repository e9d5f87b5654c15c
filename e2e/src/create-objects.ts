import type { KubeObject, KubeTransport } from '@capi-ts/sdk';

/**
 * Creates objects as `kubectl create -f` would, finding each kind's resource name through API discovery, in the
 * given namespace for namespaced kinds. Returns what the API server stored.
 */
export async function createObjects(
  transport: KubeTransport,
  objects: readonly KubeObject[],
  namespace: string,
): Promise<KubeObject[]> {
  const created: KubeObject[] = [];
  for (const object of objects) {
    const apiVersion = object.apiVersion ?? '';
    const prefix = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const discovery = await transport.request<{
      resources: Array<{ name: string; kind: string; namespaced: boolean }>;
    }>({
      method: 'GET',
      path: prefix,
    });
    const resource = discovery.resources.find((r) => r.kind === object.kind && !r.name.includes('/'));
    if (!resource) throw new Error(`${apiVersion} serves no kind ${object.kind}`);
    const path = resource.namespaced
      ? `${prefix}/namespaces/${namespace}/${resource.name}`
      : `${prefix}/${resource.name}`;
    const body = resource.namespaced ? { ...object, metadata: { ...object.metadata, namespace } } : object;
    created.push(await transport.request<KubeObject>({ method: 'POST', path, body }));
  }
  return created;
}
