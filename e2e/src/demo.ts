import { resolveCapiBinaries } from '@capi-ts/sdk/testing';
import { tenantControlPlaneCrd } from '../../packages/controlplane-kamaji/test/support/kamaji-crds.js';
import { ensureIncus } from '../../packages/provider-incus/test-support/index.js';
import { initManagementPlane } from './capi-management-plane.js';
import { createObjects } from './create-objects.js';
import { DemoOutput, machinePhases, showProvisioning } from './demo-progress.js';
import { reportFirstControlPlaneNode } from './first-node-stand-in.js';
import {
  clusterInstances,
  deleteIncusCluster,
  generateIncusMicroK8sCluster,
  INCUS_MICROK8S_TEMPLATE,
  microK8sStandInImage,
  removeClusterInstances,
} from './incus-microk8s-cluster.js';

/**
 * The main demo: a local Cluster API management plane (kube-apiserver + etcd, `clusterctl init` of the Cluster API
 * core and our providers from the local repository, their managers as local processes), then a sample Cluster of
 * Incus system containers with a MicroK8s control plane and two MicroK8s workers, shown provisioning with
 * `clusterctl describe cluster`. It runs until interrupted (Ctrl-C), then removes the cluster's containers and stops
 * everything.
 */
const output = new DemoOutput();
const NAMESPACE = 'default';
const CLUSTER = `demo-${Date.now().toString(36)}`;
const WORKERS = 2;

output.say('Connecting to the local Incus daemon');
const incus = await ensureIncus();
if (!incus.available) {
  output.text([
    `Incus is not available: ${incus.reason}`,
    'On Debian or Ubuntu, as root, `bash scripts/incus/setup.sh` installs and starts it (scripts/setup.sh runs it).',
  ]);
  process.exit(1);
}
const { client } = incus;
output.say('Locating clusterctl and the Cluster API manager (built once by scripts/capi-binaries.sh)');
const binaries = resolveCapiBinaries();
output.say('Starting kube-apiserver + etcd, writing our releases and running `clusterctl init` from them (offline)');
const starting = initManagementPlane(binaries);

let stopping: Promise<never> | undefined;
/**
 * Cleans up and exits. Interrupted (Ctrl-C reaches the whole process group: the API server and the managers stop
 * too), it removes the cluster's containers through Incus itself; after an error it deletes the Cluster as a user
 * would, so the Incus provider removes its containers. Either way it then stops the management plane, once it
 * finished starting if it had not yet.
 */
const shutdown = (exitCode: number, interrupted = false): Promise<never> => {
  stopping ??= (async () => {
    const plane = await starting.catch(() => undefined);
    if (plane && interrupted) {
      output.say('Interrupted: removing the containers of the cluster through Incus');
      const removed = await removeClusterInstances(client, CLUSTER);
      output.text([`  removed: ${removed.join(', ') || 'none'}`]);
    } else if (plane) {
      output.say(`Deleting Cluster ${NAMESPACE}/${CLUSTER}; the Incus provider deletes its containers`);
      const forced = await deleteIncusCluster(plane, client, { name: CLUSTER, namespace: NAMESPACE });
      if (forced.length > 0)
        output.say(`The Cluster did not finish deleting in time; force-deleted ${forced.join(', ')}`);
    }
    if (plane) {
      output.say('Stopping the managers and the management plane (its files are removed)');
      await plane.stop();
    }
    output.say('Done.');
    process.exit(exitCode);
  })();
  return stopping;
};
// Not once: pnpm and tsx relay the terminal's SIGINT, which the demo also receives itself.
process.on('SIGINT', () => void shutdown(0, true));
process.on('SIGTERM', () => void shutdown(0, true));

try {
  const plane = await starting;
  output.text([plane.initOutput.trimEnd()]);
  output.say('Starting the Cluster API core manager and our providers as local processes, with their installed RBAC');
  // Kamaji's TenantControlPlane CRD comes with Kamaji itself; our Kamaji provider needs it to start.
  await plane.env.installCrds([tenantControlPlaneCrd]);
  const managers = await plane.startManagers();
  output.text([...managers.keys()].map((label) => `  ${label}: ready`));
  output.say('Preparing the machine image (Debian + cloud-init; snap and microk8s are recording stand-ins)');
  const image = await microK8sStandInImage(client);
  output.say(
    `clusterctl generate cluster ${CLUSTER} --from ${INCUS_MICROK8S_TEMPLATE} --worker-machine-count ${WORKERS}`,
  );
  const generated = await generateIncusMicroK8sCluster(plane, {
    name: CLUSTER,
    namespace: NAMESPACE,
    image,
    workers: WORKERS,
  });
  await createObjects(plane.env.transport, generated.objects, NAMESPACE);
  output.text([`  applied ${generated.manifestPath}`]);

  const cluster = { name: CLUSTER, namespace: NAMESPACE };
  const phases = () => machinePhases(plane.env.transport, cluster);
  const controlPlaneUp = await showProvisioning(plane, cluster, output, async () =>
    (await phases()).controlPlane.includes('Provisioned'),
  );
  if (!controlPlaneUp) throw new Error('the control-plane machine did not provision in 5 minutes');
  const [controlPlaneInstance] = await clusterInstances(client, CLUSTER);
  output.say(
    [
      `The control-plane machine is provisioned: cloud-init ran our MicroK8s bootstrap data in ${controlPlaneInstance}.`,
      '    No real MicroK8s runs there (snap and microk8s only record their calls), so the demo now reports what its',
      '    first Ready node would have shown Cluster API: the control plane initialized and the Machine Running.',
      '    The workers join through it.',
    ].join('\n'),
  );
  const { controlPlaneMachine } = await phases();
  await reportFirstControlPlaneNode(plane.env.transport, {
    namespace: NAMESPACE,
    controlPlane: `${CLUSTER}-control-plane`,
    machine: controlPlaneMachine ?? '',
    node: controlPlaneInstance ?? '',
  });
  const workersUp = await showProvisioning(plane, cluster, output, async () => {
    const { workers } = await phases();
    return workers.length === WORKERS && workers.every((phase) => phase === 'Provisioned');
  });
  if (!workersUp) throw new Error('the worker machines did not provision in 5 minutes');
  const instances = await clusterInstances(client, CLUSTER);
  const clusterctl = `${binaries.clusterctl} --config ${plane.clusterctl.configPath} --kubeconfig ${plane.env.kubeconfigPath}`;
  output.say(`Cluster ${NAMESPACE}/${CLUSTER} is provisioned`);
  output.text([
    `  Incus containers: ${instances.join(', ')}  (incus list user.cluster-name=${CLUSTER})`,
    `  What cloud-init ran: incus exec ${instances[0]} -- cat /var/log/capi-ts-stand-ins.jsonl`,
    `  kubeconfig: ${plane.env.kubeconfigPath}`,
    `  manifest:   ${generated.manifestPath}`,
    `  describe:   ${clusterctl.replace(' --config', ` describe cluster ${CLUSTER} --config`)}`,
    `  scale:      KUBECONFIG=${plane.env.kubeconfigPath} kubectl scale machinedeployment ${CLUSTER}-md-0 --replicas 3`,
    '',
    'Clean up: press Ctrl-C. The demo removes the containers of the cluster, stops the management plane and removes',
    'its files. (To see Cluster API delete it instead, first delete the Cluster: kubectl delete cluster',
    `${CLUSTER} with the kubeconfig above.) After a hard kill, remove what is left with`,
    `\`incus list user.cluster-name=${CLUSTER}\` and \`incus delete --force <name>\` for each.`,
  ]);
} catch (err) {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  await shutdown(1);
}
