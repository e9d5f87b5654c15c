import { silentLogger } from '@capi-ts/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { IncusEventHub } from '../../src/controllers/lxcmachine/incus-event-hub.js';
import { ensureInstanceRunning } from '../../src/controllers/lxcmachine/instance-lifecycle.js';
import { buildInstance, type InstancePlan, KIND_CLOUD_INIT_SUCCESS_PATH } from '../../src/instance/index.js';
import { ensureCloudImage, ensureIncus, IncusCleanup, uniqueName } from '../../test-support/index.js';

// kind nodes are OCI containers, which Incus 6.0 cannot run (no instance_oci). What CAPN injects into them
// does not depend on OCI: the kind plan's templates, files and replacements are applied here, by the
// controller's own launch code, to a system container that has stand-ins for kindest/node's files, and the
// injected cloud-init-launch.service applies the JSON with the injected script at first boot.

const incus = await ensureIncus();

const bootstrap = [
  '## template: jinja',
  '#cloud-config',
  'write_files:',
  '- path: /etc/capi-ts/kind/marker',
  '  owner: root:root',
  "  permissions: '0640'",
  '  content: |',
  '    kind node {{ v1.local_hostname }}',
  'runcmd:',
  '- mkdir -p /etc/capi-ts/kind',
  '- echo "ran as $(id -un)" > /etc/capi-ts/kind/runcmd',
  '',
].join('\n');

/** Stand-ins for the kindest/node files CAPN patches. */
const kindImageFiles = [
  {
    path: '/usr/local/bin/entrypoint',
    content: '#!/bin/bash\necho "nameserver 1.1.1.1" >/etc/resolv.conf\nexec "$@"\n',
    mode: 0o755,
  },
  { path: '/kind/manifests/default-cni.yaml', content: 'podSubnet: "{{ .PodSubnet }}"\n' },
];

describe.skipIf(!incus.available)('kind node files applied to a real container (OCI itself cannot run here)', () => {
  if (!incus.available) return;
  const { client } = incus;
  const cleanup = new IncusCleanup(client);
  const hub = new IncusEventHub(silentLogger());
  afterAll(async () => {
    hub.close();
    await cleanup.run();
  });

  it('runs the injected script through cloud-init-launch.service: write_files and runcmd from the JSON', async () => {
    const image = await ensureCloudImage(client, { extraFiles: kindImageFiles });
    const name = cleanup.instance(uniqueName('kind-mode'));
    const kind = buildInstance({
      name,
      spec: { instanceType: 'kind' },
      clusterName: 'c1',
      clusterNamespace: 'default',
      machineName: name,
      controlPlane: false,
      version: 'v1.33.0',
      unprivileged: false,
      skipDefaultKubeadmProfile: true,
      podCidr: '10.244.0.0/16',
      serverKind: 'incus',
      serverClustered: false,
      bootstrapData: bootstrap,
    });
    // The same node modifications on a system container of the local image; cloud-init.user-data is left out
    // so that only the injected script can have written the files.
    const { 'cloud-init.user-data': _userData, ...config } = kind.request.config ?? {};
    const plan: InstancePlan = {
      ...kind,
      request: { ...kind.request, source: { type: 'image', alias: image.alias }, config },
    };
    await ensureInstanceRunning({ client, hub }, plan);

    const waited = await client.exec.run(
      name,
      ['timeout', '120', 'sh', '-c', `until [ -e ${KIND_CLOUD_INIT_SUCCESS_PATH} ]; do sleep 1; done`],
      { timeoutSeconds: 150 },
    );
    if (waited.exitCode !== 0) {
      const journal = await client.exec.run(name, ['journalctl', '-u', 'cloud-init-launch.service', '--no-pager']);
      throw new Error(`cloud-init-launch.service did not succeed:\n${journal.stdout}${journal.stderr}`);
    }
    const marker = await client.files.pull(name, '/etc/capi-ts/kind/marker');
    expect(marker.content.toString()).toBe(`kind node ${name}\n`);
    expect(marker.mode).toBe(0o640);
    expect((await client.files.pull(name, '/etc/capi-ts/kind/runcmd')).content.toString()).toBe('ran as root\n');
    expect(JSON.parse((await client.files.pull(name, '/hack/cloud-init.json')).content.toString())).toMatchObject({
      runcmd: ['mkdir -p /etc/capi-ts/kind', 'echo "ran as $(id -un)" > /etc/capi-ts/kind/runcmd'],
    });

    const entrypoint = await client.files.pull(name, '/usr/local/bin/entrypoint');
    expect(entrypoint.content.toString()).toContain('>/etc/local-resolv.conf');
    expect(entrypoint.mode).toBe(0o755);
    expect((await client.files.pull(name, '/init')).content.toString()).toBe('/usr/local/bin/entrypoint');
    expect((await client.files.pull(name, '/kind/manifests/default-cni.yaml')).content.toString()).toBe(
      'podSubnet: "10.244.0.0/16"\n',
    );
  }, 240_000);
});
