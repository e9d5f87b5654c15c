import { builtin, capiTypes, type KubeClient, type Logger, type Machine, type RemoteCluster } from '@capi-ts/sdk';
import type { MicroK8sControlPlane } from '../../api/v1beta1/index.js';
import type { WorkloadNode } from './nodes.js';
import { podType } from './pods.js';
import { UPGRADE_POD_NAMESPACE, upgradePod, upgradePodName } from './upgrade-pod.js';
import { sameMinor, snapChannel } from './versions.js';

/** What an in-place upgrade step did. */
export type InPlaceUpgradeStep = 'waitingForNode' | 'refreshing' | 'upgraded';

/**
 * One step of CACPM's in-place upgrade of the oldest outdated Machine: run the snap refresh Pod on its node (with
 * the configured channel and risk level), and once the node's kubelet reports the new minor, set the Machine's
 * version and delete the Pod. One Machine at a time. The Node is read from the workload cluster's cache, whose
 * events bring the control plane back when the kubelet reports its new version.
 */
export async function upgradeInPlace(
  client: KubeClient,
  remote: RemoteCluster,
  logger: Logger,
  controlPlane: Readonly<MicroK8sControlPlane>,
  machine: Readonly<Machine>,
): Promise<InPlaceUpgradeStep> {
  const nodeName = machine.status?.nodeRef?.name;
  if (!nodeName) return 'waitingForNode';
  const version = controlPlane.spec?.version as string;
  const workload = remote.client;
  const node = remote.cache.informerFor<WorkloadNode>(builtin.node).get({ name: nodeName });
  const podKey = { namespace: UPGRADE_POD_NAMESPACE, name: upgradePodName(nodeName) };
  const kubelet = node?.status?.nodeInfo?.kubeletVersion;
  if (kubelet && sameMinor(kubelet, version)) {
    await client.mergePatch(
      capiTypes.machine,
      { namespace: machine.metadata.namespace as string, name: machine.metadata.name as string },
      { spec: { version } },
    );
    await workload.delete(podType, podKey, { gracePeriodSeconds: 0 });
    logger.info({ machine: machine.metadata.name, node: nodeName, version }, 'upgraded in place');
    return 'upgraded';
  }
  if (!(await workload.getOptional(podType, podKey))) {
    const init = controlPlane.spec?.controlPlaneConfig?.initConfiguration;
    const channel = snapChannel(version, init?.riskLevel, init?.confinement);
    await workload.create(podType, upgradePod(nodeName, channel));
    logger.info({ machine: machine.metadata.name, node: nodeName, channel }, 'refreshing the MicroK8s snap in place');
  }
  return 'refreshing';
}
