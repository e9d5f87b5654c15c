import type { KubeObject, KubeTransport } from '../../src/client/index.js';

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/**
 * Applies objects in order with server-side apply and strict field validation (an unknown field is an error),
 * finding each kind's REST path through API discovery, as `kubectl apply --server-side` does.
 */
export async function applyObjects(transport: KubeTransport, objects: readonly KubeObject[]): Promise<void> {
  for (const object of objects) {
    const { path } = await restPath(transport, object);
    await transport.request({
      method: 'PATCH',
      path,
      query: { fieldManager: 'release-test', force: true, fieldValidation: 'Strict' },
      body: object,
      contentType: 'application/apply-patch+yaml',
    });
  }
}

/** Reads an object back from the API server. */
export async function readObject(transport: KubeTransport, object: KubeObject): Promise<KubeObject> {
  return await transport.request<KubeObject>({ method: 'GET', path: (await restPath(transport, object)).path });
}

/** The REST path of an object; waits (up to 30 s) for a kind whose CRD was just created to appear in discovery. */
async function restPath(transport: KubeTransport, object: KubeObject): Promise<{ path: string; namespaced: boolean }> {
  const apiVersion = String(object.apiVersion);
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = await transport
      .request<{ resources: ApiResource[] }>({ method: 'GET', path: base })
      .then((list) => list.resources.find((r) => r.kind === object.kind && !r.name.includes('/')))
      .catch(() => undefined);
    if (found) {
      const namespace = found.namespaced ? `/namespaces/${object.metadata.namespace}` : '';
      return { path: `${base}${namespace}/${found.name}/${object.metadata.name}`, namespaced: found.namespaced };
    }
    if (Date.now() > deadline) throw new Error(`${apiVersion} ${object.kind} is not served`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
