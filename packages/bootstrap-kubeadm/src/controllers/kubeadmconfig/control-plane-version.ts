import {
  type Cluster,
  clientReader,
  getContractAndApiVersion,
  type KubeClient,
  pluralize,
  resourceType,
} from '@capi-ts/sdk';
import type { ContentTemplateData } from './content-template.js';

/**
 * The template data of `contentFormat: Template` files, as CABPK's `getControlPlaneVersion`: the `spec.version` of
 * the object `Cluster.spec.controlPlaneRef` names, read from the API server (not the cache, like upstream's
 * APIReader: this provider does not watch control-plane kinds). Empty without a controlPlaneRef or version.
 */
export async function contentTemplateData(
  client: KubeClient,
  cluster: Readonly<Cluster>,
): Promise<ContentTemplateData> {
  const ref = cluster.spec.controlPlaneRef;
  if (!ref?.name || !ref.kind || !ref.apiGroup) return {};
  const { apiVersion } = await getContractAndApiVersion(clientReader(client), { group: ref.apiGroup, kind: ref.kind });
  const type = resourceType(`${ref.apiGroup}/${apiVersion}`, ref.kind, pluralize(ref.kind.toLowerCase()), true);
  const controlPlane = await client.getOptional(type, {
    namespace: cluster.metadata.namespace as string,
    name: ref.name,
  });
  const version = (controlPlane as { spec?: { version?: unknown } } | undefined)?.spec?.version;
  return typeof version === 'string' && version !== '' ? { controlPlane: { version } } : {};
}
