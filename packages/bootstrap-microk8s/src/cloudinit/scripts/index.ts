import { configureTraefik, microK8sEnable, microK8sJoin } from './cluster.js';
import { configureApiserver, configureCertForLb, waitApiserver } from './control-plane.js';
import { disableHostServices, installMicroK8s } from './install.js';
import {
  configureCalicoIpip,
  configureClusterAgentPort,
  configureContainerdProxy,
  configureDqlitePort,
  configureKubelet,
} from './node-config.js';
import { configureSnapstoreHttpProxy, configureSnapstoreProxy } from './snapstore.js';

/** Where the scripts are written on the node. */
export const SCRIPT_DIRECTORY = '/capi-scripts';

/** The bootstrap scripts, in the order CABPM writes them (each as `/capi-scripts/<name>`, 0700, root:root). */
export const BOOTSTRAP_SCRIPTS: ReadonlyArray<readonly [name: string, content: string]> = [
  ['00-configure-snapstore-proxy.sh', configureSnapstoreProxy],
  ['00-configure-snapstore-http-proxy.sh', configureSnapstoreHttpProxy],
  ['00-disable-host-services.sh', disableHostServices],
  ['00-install-microk8s.sh', installMicroK8s],
  ['10-configure-cert-for-lb.sh', configureCertForLb],
  ['10-configure-apiserver.sh', configureApiserver],
  ['10-configure-calico-ipip.sh', configureCalicoIpip],
  ['10-configure-cluster-agent-port.sh', configureClusterAgentPort],
  ['10-configure-containerd-proxy.sh', configureContainerdProxy],
  ['10-configure-dqlite-port.sh', configureDqlitePort],
  ['30-configure-traefik.sh', configureTraefik],
  ['10-configure-kubelet.sh', configureKubelet],
  ['20-microk8s-enable.sh', microK8sEnable],
  ['20-microk8s-join.sh', microK8sJoin],
  ['50-wait-apiserver.sh', waitApiserver],
];

/** The path of a bootstrap script on the node. */
export function scriptPath(name: string): string {
  return `${SCRIPT_DIRECTORY}/${name}`;
}
