import type { KubeObject } from '../client/object.js';
import type { KubeTransport } from '../client/transport.js';

interface DiscoveredResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** The REST path of an object, found through API discovery (retried while a just-created CRD is not served yet). */
async function pathOf(transport: KubeTransport, object: KubeObject): Promise<string> {
  const apiVersion = String(object.apiVersion);
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  for (let attempt = 0; attempt < 300; attempt++) {
    const list = await transport
      .request<{ resources: DiscoveredResource[] }>({ method: 'GET', path: base })
      .catch(() => undefined);
    const resource = list?.resources.find((r) => r.kind === object.kind && !r.name.includes('/'));
    if (resource) {
      const namespace = resource.namespaced ? `/namespaces/${object.metadata.namespace}` : '';
      return `${base}${namespace}/${resource.name}/${object.metadata.name}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${apiVersion} ${object.kind} is not served`);
}

/**
 * Server-side applies the objects in order with strict field validation, so an unknown field fails: for tests that
 * install a provider's release components exactly as written (REST paths found through API discovery).
 */
export async function applyStrictly(transport: KubeTransport, objects: readonly KubeObject[]): Promise<void> {
  for (const object of objects) {
    await transport.request({
      method: 'PATCH',
      path: await pathOf(transport, object),
      query: { fieldManager: 'components-test', force: true, fieldValidation: 'Strict' },
      body: object,
      contentType: 'application/apply-patch+yaml',
    });
  }
}
