import type { KubeObject } from '@capi-ts/sdk';
import { helperPod } from './pods.js';

/** Namespace of the in-place upgrade pods in the workload cluster (CACPM's). */
export const UPGRADE_POD_NAMESPACE = 'default';

/** The name of the upgrade pod of a node. */
export function upgradePodName(nodeName: string): string {
  return `upgrade-pod-${nodeName}`.slice(0, 63).replace(/[-.]+$/, '');
}

/**
 * The Pod that refreshes the `microk8s` snap on `nodeName` to `channel` through the snapd socket, as CACPM's
 * in-place upgrade does (but with the configured channel, risk level included).
 */
export function upgradePod(nodeName: string, channel: string): KubeObject {
  return helperPod({
    name: upgradePodName(nodeName),
    namespace: UPGRADE_POD_NAMESPACE,
    nodeName,
    restartPolicy: 'OnFailure',
    hostPath: '/run/snapd.socket',
    hostPathType: 'Socket',
    args: [
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '--unix-socket',
      '/run/snapd.socket',
      '-d',
      JSON.stringify({ action: 'refresh', channel }),
      'http://localhost/v2/snaps/microk8s',
    ],
  });
}
