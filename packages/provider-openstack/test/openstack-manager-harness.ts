import { builtin, type Manager } from '@capi-ts/sdk';
import { clusterApiCrdDirectory, type ManagerHarness, startManagerHarness } from '@capi-ts/sdk/testing';
import { openStackCrds } from '../src/api/crds.js';
import { type CloudSessions, cachedCloudSessions } from '../src/cloud/index.js';
import { SessionCache } from '../src/openstack/index.js';
import { demoCloudsYaml, type OpenStackSimulator } from '../test-support/index.js';

/** The namespace of the harness's `cloud-config` Secret. */
const NAMESPACE = 'default';

/**
 * {@link startManagerHarness} with Cluster API's CRDs and ours, a session cache of its own (closed on stop), the
 * `cloud-config` Secret of the simulator's demo user (cloud `openstack`) in `default`, and `setup` adding the
 * controllers under test with the sessions of their objects' identities. `OSC_TEST_LOG=1` shows the manager's log.
 */
export async function startOpenStackManagerHarness(
  cloud: OpenStackSimulator,
  setup: (manager: Manager, sessions: CloudSessions) => void,
): Promise<ManagerHarness> {
  const sessionCache = new SessionCache();
  const harness = await startManagerHarness({
    crds: [clusterApiCrdDirectory(), ...openStackCrds],
    logVariable: 'OSC_TEST_LOG',
    setup: (manager) => setup(manager, cachedCloudSessions(manager.client, sessionCache)),
  });
  await harness.client.create(builtin.secret, {
    metadata: { namespace: NAMESPACE, name: 'cloud-config' },
    stringData: { 'clouds.yaml': demoCloudsYaml(cloud) },
  });
  return {
    ...harness,
    async stop() {
      await harness.stop();
      await sessionCache.close();
    },
  };
}
