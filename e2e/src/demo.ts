import { CLUSTER_API_VERSION, KUBERNETES_VERSION } from '@capi-ts/sdk/testing';
import { startManagementPlane } from './management-plane.js';

/**
 * The main demo: starts a local management plane and prints how to reach it. It runs until interrupted;
 * `--exit-when-ready` stops it again right after printing (used by the e2e test of this demo).
 */
const exitWhenReady = process.argv.includes('--exit-when-ready');
const plane = await startManagementPlane();
console.log(
  [
    `Management plane ready: kube-apiserver ${KUBERNETES_VERSION} with the Cluster API ${CLUSTER_API_VERSION} CRDs.`,
    `  server:     ${plane.server}`,
    `  kubeconfig: ${plane.kubeconfigPath}`,
    `Try: KUBECONFIG=${plane.kubeconfigPath} kubectl get crds`,
    exitWhenReady ? 'Stopping (--exit-when-ready).' : 'Press Ctrl-C to stop; everything is removed on exit.',
  ].join('\n'),
);
const shutdown = async () => {
  await plane.stop();
  process.exit(0);
};
if (exitWhenReady) await shutdown();
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
