import {
  type Cluster,
  clientReader,
  crdNameFor,
  getContractAndApiVersion,
  type InformerSource,
  informerReader,
  type KubeClient,
  type KubeObject,
  type ResourceType,
  resourceType,
} from '@capi-ts/sdk';
import type { Endpoint } from './control-plane-endpoint.js';
import { InfrastructurePatchError, infrastructurePatch, isSatisfied } from './infrastructure-patch.js';

/** Resolves infrastructure kinds to resource types through their CRDs, once per kind. */
export class InfrastructureTypes {
  private readonly known = new Map<string, ResourceType>();

  constructor(private readonly client: KubeClient) {}

  /** The resource type of `kind` in `group` at the version its CRD's contract label names. */
  async resolve(group: string, kind: string): Promise<ResourceType> {
    const key = `${kind}.${group}`;
    const cached = this.known.get(key);
    if (cached) return cached;
    const reader = clientReader(this.client);
    const { apiVersion } = await getContractAndApiVersion(reader, { group, kind });
    // Cluster API requires the CRD to be named `<plural>.<group>`, so the name gives the plural.
    const plural = crdNameFor(group, kind).slice(0, -(group.length + 1));
    const type = resourceType(`${group}/${apiVersion}`, kind, plural, true);
    this.known.set(key, type);
    return type;
  }
}

/** What happened to the infrastructure cluster. */
export type InfrastructureOutcome =
  | { kind: 'patched' | 'unchanged' }
  | { kind: 'waiting'; message: string }
  | { kind: 'failed'; reason: InfrastructurePatchError['reason']; message: string };

/**
 * Writes the control plane endpoint (and, for kinds that take it, readiness) on the Cluster's infrastructure
 * cluster, as {@link infrastructurePatch} says; reads it from the shared cache and writes only what differs.
 */
export async function patchInfrastructureCluster(
  client: KubeClient,
  cache: InformerSource,
  types: InfrastructureTypes,
  cluster: Readonly<Cluster>,
  endpoint: Endpoint,
  dynamicKinds: ReadonlySet<string>,
): Promise<InfrastructureOutcome> {
  const ref = cluster.spec.infrastructureRef as { apiGroup?: string; kind?: string; name?: string } | undefined;
  if (!ref?.kind || !ref.name || !ref.apiGroup) {
    return { kind: 'waiting', message: 'the Cluster has no spec.infrastructureRef yet' };
  }
  const type = await types.resolve(ref.apiGroup, ref.kind);
  const key = { namespace: cluster.metadata.namespace, name: ref.name };
  const infra = await informerReader(cache).get<KubeObject>(type, key);
  if (!infra) return { kind: 'waiting', message: `${ref.kind} ${ref.name} does not exist yet` };
  let patch: ReturnType<typeof infrastructurePatch>;
  try {
    patch = infrastructurePatch(infra, endpoint, dynamicKinds);
  } catch (err) {
    if (err instanceof InfrastructurePatchError) return { kind: 'failed', reason: err.reason, message: err.message };
    throw err;
  }
  let written = false;
  if (patch.spec && !isSatisfied(infra.spec, patch.spec)) {
    await client.mergePatch(type, key, { spec: patch.spec });
    written = true;
  }
  if (patch.status && !isSatisfied(infra.status, patch.status)) {
    await client.mergePatch(type, key, { status: patch.status }, { subresource: 'status' });
    written = true;
  }
  return { kind: written ? 'patched' : 'unchanged' };
}
