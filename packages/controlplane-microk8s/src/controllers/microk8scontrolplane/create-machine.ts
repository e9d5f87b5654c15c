import { MicroK8sConfig } from '@capi-ts/bootstrap-microk8s';
import {
  type Cluster,
  type ContractVersionedObjectReference,
  capiTypes,
  clientReader,
  createFromTemplate,
  failureDomainsOf,
  generateName,
  getContractAndApiVersion,
  type InformerSource,
  type KubeClient,
  type Machine,
  ownerReferenceTo,
  pluralize,
  resourceType,
} from '@capi-ts/sdk';
import { MicroK8sControlPlane } from '../../api/v1beta1/index.js';
import { controlPlaneLabels, desiredConfig, desiredMachine, infrastructureTemplateRef } from './desired-objects.js';
import { nextFailureDomain } from './failure-domains.js';

/** How long to wait for the cache to list a Machine just created (so the next reconcile plans with it). */
const CACHE_SYNC_TIMEOUT_MS = 10_000;

/**
 * Creates one control-plane Machine as CACPM's `bootControlPlane`: the infrastructure machine cloned from the
 * template (owned by the control plane), a MicroK8sConfig from `spec.controlPlaneConfig`, and the Machine (its
 * controller is the control plane) in the least used control-plane failure domain. The three share one name.
 * If the Machine cannot be created, the other two are deleted again. Returns once the cache lists the Machine.
 */
export async function createControlPlaneMachine(
  client: KubeClient,
  cache: InformerSource,
  controlPlane: Readonly<MicroK8sControlPlane>,
  cluster: Readonly<Cluster>,
  machines: readonly Machine[],
): Promise<Machine> {
  const namespace = controlPlane.metadata.namespace as string;
  const clusterName = cluster.metadata.name as string;
  const name = generateName(`${controlPlane.metadata.name}-`);
  const owner = ownerReferenceTo(controlPlane, { type: MicroK8sControlPlane });
  const template = infrastructureTemplateRef(controlPlane);
  const version =
    template.version ??
    (await getContractAndApiVersion(clientReader(client), { group: template.group, kind: template.kind })).apiVersion;
  const apiVersion = template.group === '' ? version : `${template.group}/${version}`;
  const templateType = resourceType(apiVersion, template.kind, pluralize(template.kind.toLowerCase()), true);

  const infra = await createFromTemplate(client, clientReader(client), {
    templateType,
    templateName: template.name,
    ...(template.namespace ? { templateNamespace: template.namespace } : {}),
    namespace,
    name,
    clusterName,
    ownerRef: owner,
    labels: controlPlaneLabels(clusterName),
  });
  const infraKind = infra.object.kind as string;
  const infraType = resourceType(
    infra.object.apiVersion as string,
    infraKind,
    pluralize(infraKind.toLowerCase()),
    true,
  );
  let config: MicroK8sConfig | undefined;
  try {
    config = await client.create(MicroK8sConfig, desiredConfig(controlPlane, clusterName, name, owner));
    const configRef: ContractVersionedObjectReference = {
      apiGroup: MicroK8sConfig.group,
      kind: MicroK8sConfig.kind,
      name,
    };
    const machine = desiredMachine({
      controlPlane,
      clusterName,
      name,
      infrastructureRef: infra.ref,
      configRef,
      failureDomain: nextFailureDomain(failureDomainsOf(cluster), machines),
      owner: ownerReferenceTo(controlPlane, { type: MicroK8sControlPlane, controller: true }),
    });
    const created = await client.create(capiTypes.machine, machine);
    await waitForCache(cache, { namespace, name });
    return created;
  } catch (err) {
    await client.delete(infraType, { namespace, name });
    if (config) await client.delete(MicroK8sConfig, { namespace, name });
    throw err;
  }
}

async function waitForCache(cache: InformerSource, key: { namespace: string; name: string }): Promise<void> {
  const informer = cache.informerFor(capiTypes.machine);
  const deadline = Date.now() + CACHE_SYNC_TIMEOUT_MS;
  while (!informer.get(key)) {
    if (Date.now() > deadline) throw new Error(`Machine ${key.namespace}/${key.name} is not in the cache yet`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
