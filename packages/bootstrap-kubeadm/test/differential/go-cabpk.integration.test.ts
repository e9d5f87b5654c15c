// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Ignition node names use ${COREOS_...} variables, expanded on the node.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  builtin,
  type Cluster,
  capiTypes,
  createCertificateAuthority,
  encodeSecretValue,
  issueCertificate,
  KubeClient,
  type Manager,
  type Secret,
} from '@capi-ts/sdk';
import {
  type CapiBinaries,
  clusterApiCrdDirectory,
  eventually,
  resolveCapiBinaries,
  startTestEnvironment,
  type TestEnvironment,
} from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeadmConfig } from '../../src/api/v1beta2/index.js';
import { createManager } from '../../src/manager.js';
import { condition, createMachineWithConfig, patchClusterStatus, secretData } from '../controllers/harness.js';
import { normaliseCloudConfig, normaliseIgnition, normaliseText } from './normalise.js';

// Differential test against the real upstream provider: Cluster API v1.14's kubeadm bootstrap manager (built from
// the Go module by scripts/capi-binaries.sh) watches namespace `go`, ours watches `ts`; both get the same Cluster,
// Machines, KubeadmConfigs and Secrets on one real API server. Their data Secrets must be the same once generated
// tokens, certificates and CA pins are replaced by placeholders: cloud-config compared as parsed YAML with the kubeadm
// documents parsed, Ignition with file contents decoded, plus the Secrets' metadata, the discovery the controllers
// persist in the spec, and the conditions. Without the binaries (no Go toolchain) the file is skipped.
// CABPK_DIFF_LOG=<file> keeps the Go manager's log.

let binaries: CapiBinaries | undefined;
let unavailable = '';
try {
  binaries = resolveCapiBinaries();
} catch (err) {
  unavailable = (err as Error).message;
  console.warn(`differential test skipped: ${unavailable}`);
}

const NAMESPACES = ['go', 'ts'] as const;
let env: TestEnvironment;
let client: KubeClient;
let goManager: ChildProcess | undefined;
let goOutput = '';
let ours: Manager | undefined;
const stopOurs = new AbortController();
let oursRunning: Promise<void> | undefined;
let certDir = '';

/** A free loopback TCP port. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function servingCertificateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cabpk-diff-'));
  const ca = await createCertificateAuthority('diff-ca', { keyAlgorithm: 'ecdsa' });
  const cert = await issueCertificate(ca, { commonName: 'diff', ipAddresses: ['127.0.0.1'], usages: ['server'] });
  await writeFile(path.join(dir, 'tls.crt'), cert.cert);
  await writeFile(path.join(dir, 'tls.key'), cert.key);
  return dir;
}

const common = {
  files: [
    {
      path: '/etc/motd',
      owner: 'root:root',
      permissions: '0644',
      contentFrom: { secret: { name: 'node-files', key: 'motd' } },
    },
    { path: '/etc/sysctl.d/99-k8s.conf', content: 'net.ipv4.ip_forward = 1\n', append: false },
  ],
  users: [
    {
      name: 'capi',
      sudo: 'ALL=(ALL) NOPASSWD:ALL',
      groups: 'docker, wheel',
      sshAuthorizedKeys: ['ssh-ed25519 AAAAC3Nza capi@diff'],
      passwdFrom: { secret: { name: 'node-files', key: 'hash' } },
    },
  ],
  preKubeadmCommands: ['echo "pre $(hostname)"', 'sysctl --system'],
  postKubeadmCommands: ['echo done'],
  ntp: { servers: ['time.example.com'], enabled: true },
  verbosity: 4,
};
const node = {
  name: '{{ ds.meta_data.local_hostname }}',
  kubeletExtraArgs: [{ name: 'cloud-provider', value: 'external' }],
};

/** The same objects in a namespace: a Cluster, its kubeconfig (this API server), a file Secret, the first machine. */
async function createInputs(namespace: string): Promise<Cluster> {
  await client.create(builtin.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  const cluster = await client.create(capiTypes.cluster, {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { namespace, name: 'diff' },
    spec: {
      controlPlaneEndpoint: { host: 'diff.example.com', port: 6443 },
      clusterNetwork: {
        services: { cidrBlocks: ['10.96.0.0/12'] },
        pods: { cidrBlocks: ['192.168.0.0/16', '10.244.0.0/16'] },
        serviceDomain: 'cluster.local',
      },
    },
  });
  for (const [name, data] of [
    ['diff-kubeconfig', { value: env.kubeconfigYaml }],
    ['node-files', { motd: 'welcome\n', hash: '$6$rounds=4096$salt$hash' }],
  ] as const) {
    await client.create(builtin.secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { namespace, name, labels: { 'cluster.x-k8s.io/cluster-name': 'diff' } },
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, encodeSecretValue(v)])),
    });
  }
  await createMachineWithConfig(client, cluster, 'cp-0', {
    controlPlane: true,
    spec: {
      ...common,
      clusterConfiguration: {
        apiServer: { certSANs: ['api.diff.example.com'], extraArgs: [{ name: 'audit-log-maxage', value: '30' }] },
        controllerManager: { extraArgs: [{ name: 'bind-address', value: '0.0.0.0' }] },
        etcd: { local: { dataDir: '/var/lib/etcd' } },
      },
      initConfiguration: { nodeRegistration: node },
      joinConfiguration: { nodeRegistration: node },
    },
  });
  await patchClusterStatus(client, cluster, { infrastructureProvisioned: true });
  return cluster;
}

/**
 * The machines that join, created once the first control plane has its data and after the control plane is
 * reported initialised: created together with it, the init lock's check that its holder exists can miss a Machine
 * the cache has not seen yet (in CABPK as here), and two machines would initialise.
 */
async function createJoiners(namespace: string): Promise<void> {
  const cluster = await client.get(capiTypes.cluster, { namespace, name: 'diff' });
  await patchClusterStatus(client, cluster, { infrastructureProvisioned: true, controlPlaneInitialized: true });
  await createMachineWithConfig(client, cluster, 'cp-1', {
    controlPlane: true,
    spec: { ...common, initConfiguration: { nodeRegistration: node }, joinConfiguration: { nodeRegistration: node } },
  });
  await createMachineWithConfig(client, cluster, 'worker-0', {
    version: 'v1.30.6',
    spec: { ...common, joinConfiguration: { nodeRegistration: node } },
  });
  await createMachineWithConfig(client, cluster, 'worker-ign', {
    spec: {
      format: 'ignition',
      // CABPK's Ignition pipeline refuses files without permissions (its strict CLC parse turns the default-mode
      // warning into an error); this provider writes them with Ignition's default.
      files: common.files.map((file) => ({ permissions: '0644', ...file })),
      users: [
        {
          name: 'core',
          shell: '/bin/bash',
          sshAuthorizedKeys: ['ssh-ed25519 AAAAC3Nza core@diff'],
          sudo: 'ALL=(ALL) NOPASSWD:ALL',
        },
      ],
      preKubeadmCommands: common.preKubeadmCommands,
      joinConfiguration: { nodeRegistration: { name: '${COREOS_OPENSTACK_HOSTNAME}' } },
    },
  });
  await createMachineWithConfig(client, cluster, 'worker-clc', {
    spec: {
      format: 'ignition',
      ignition: { containerLinuxConfig: { additionalConfig: ADDITIONAL_CONFIG } },
      joinConfiguration: { nodeRegistration: { name: '${COREOS_OPENSTACK_HOSTNAME}' } },
    },
  });
}

/** A Container Linux Config for CABPK's transpiler and ours, touching most sections the transpiler converts. */
const ADDITIONAL_CONFIG = `---
ignition:
  config:
    append:
    - source: https://config.example.com/extra.ign
  timeouts:
    http_total: 30
passwd:
  users:
  - name: core
    ssh_authorized_keys: [ssh-ed25519 AAAAC3Nza core@diff]
  - name: operator
    uid: 1500
    groups: [sudo, docker]
    shell: /bin/bash
  groups:
  - name: operators
    gid: 1600
storage:
  directories:
  - path: /opt/bin
    mode: 0755
  files:
  - path: /opt/bin/crictl
    mode: 0755
    contents:
      remote:
        url: https://example.com/crictl.gz
        compression: gzip
        verification:
          hash:
            function: sha512
            sum: ${'ab'.repeat(64)}
  - path: /etc/motd
    mode: 0644
    append: true
    user: {name: core}
    group: {id: 500}
    contents:
      inline: |
        Bootstrapped by Cluster API: 100% \\o/ & <more>
  - path: /etc/binary
    mode: 0600
    contents:
      inline: !!binary aGVsbG8K
  - path: /etc/empty
  links:
  - path: /etc/systemd/system/multi-user.target.wants/containerd.service
    target: /usr/lib/systemd/system/containerd.service
  disks:
  - device: /dev/sdb
    wipe_table: true
    partitions:
    - label: data
      number: 1
      size: 1GiB
      start: 0
      type_guid: linux_filesystem_data
  filesystems:
  - name: data
    mount:
      device: /dev/disk/by-partlabel/data
      format: xfs
      label: data
      wipe_filesystem: true
      options: [-f]
networkd:
  units:
  - name: 00-eth0.network
    contents: |
      [Match]
      Name=eth0
      [Network]
      DHCP=yes
systemd:
  units:
  - name: locksmithd.service
    mask: true
  - name: kubeadm.service
    enabled: true
    dropins:
    - name: 10-flatcar.conf
      contents: |
        [Service]
        EnvironmentFile=/run/metadata/flatcar
  - name: extra.service
    enable: true
    contents: |
      [Service]
      ExecStart=/usr/bin/true
      [Install]
      WantedBy=multi-user.target
update:
  group: Stable
  server: https://update.example.com/v1/update/
locksmith:
  reboot_strategy: "off"
  window_start: Sun 04:00
  window_length: 1h
unknown_key: ignored without strict
`;

/** Additional configs at the edge of what the transpiler accepts: both providers must accept or refuse each. */
const EDGE_CONFIGS: { config: string; strict?: boolean }[] = [
  { config: 'locksmith:\n  window_start: Sun 04:00\n  window_length: 1h\n' },
  {
    config:
      'systemd:\n  units:\n  - name: a.service\n    enabled: yes\n    contents: "[Service]\\nExecStart=/bin/true\\n"\n',
  },
  {
    config:
      'systemd:\n  units:\n  - name: a.service\n    enabled: true\n    contents: "[Service]\\nExecStart=/bin/true\\n"\n',
    strict: true,
  },
  { config: 'storage:\n  files:\n  - path: etc/a\n    mode: 0644\n' },
  { config: 'storage:\n  files:\n  - path: /a\n', strict: true },
  { config: 'update:\n  group: lts\n' },
  { config: 'storage:\n  disks:\n  - device: /dev/sdb\n    partitions: [{size: 1KiB}]\n' },
  { config: 'storage:\n  raid:\n  - {name: md, level: raid0, spares: 1, devices: [/dev/sda]}\n' },
  { config: 'storage: {}\nstorage: {}\n' },
  { config: 'storage:\n  filez: []\n', strict: true },
  { config: 'storage:\n  filez: []\n' },
  { config: 'passwd:\n  users:\n  - name: a\n    shell: /bin/sh\n    create: {}\n' },
  { config: 'passwd:\n  users:\n  - name: a\n    create: {shell: /bin/sh}\n' },
  { config: 'systemd:\n  units:\n  - name: a.service\n    dropins: [{name: x, contents: "[Service]"}]\n' },
  { config: 'storage:\n  directories:\n  - {path: /a, mode: 0100000}\n' },
  { config: 'storage:\n  filesystems:\n  - mount: {device: /dev/sdb, format: ext3}\n' },
  { config: 'networkd:\n  units:\n  - name: eth0.conf\n' },
  { config: 'storage:\n  files:\n  - {path: /a, mode: 0644, contents: {remote: {url: "ftp://x/a"}}}\n' },
  { config: 'systemd:\n  units:\n  - name: a.service\n    contents: "[Service\\nExecStart=/bin/true\\n"\n' },
  { config: '# nothing\n', strict: true },
  { config: 'locksmith:\n  reboot_strategy: sometimes\n' },
  { config: 'locksmith:\n  reboot_strategy: reboot\n  window_start: Funday 04:00\n  window_length: 1h\n' },
  { config: 'storage:\n  files:\n  - {path: /a, mode: "0644"}\n' },
  { config: 'storage:\n  files:\n  - {path: /a, mode: 0644, contents: {inline: 123}}\n' },
  { config: 'storage:\n  files:\n  - {path: /a, mode: 0644, contents: {remote: {url: "https://x/a b?c=d e"}}}\n' },
  { config: 'passwd:\n  users:\n  - {name: a, ssh_authorized_keys: "ssh-ed25519 AAAA"}\n' },
  { config: 'storage:\n  disks:\n  - device: /dev/sdb\n    partitions: [{label: "a:b"}]\n' },
  { config: 'storage:\n  disks:\n  - device: /dev/sdb\n    partitions: [{guid: nope}]\n' },
  { config: 'storage:\n  files:\n  - {path: /a, mode: 0644, filesystem: oem}\n' },
  { config: 'storage:\n  files:\n  - {path: /a, mode: 0644}\n---\nstorage:\n  files:\n  - {path: /b, mode: 0644}\n' },
  {
    config:
      'ignition:\n  config:\n    replace:\n      source: https://x/c.ign\n      verification: {hash: {function: sha256, sum: ab}}\n',
  },
  {
    config:
      'ignition:\n  config:\n    replace:\n      source: https://x/c.ign\n      verification: {hash: {function: sha512, sum: ab}}\n',
  },
  { config: 'storage:\n  filesystems:\n  - mount: {device: /dev/sdb, format: xfs, label: abcdefghijklm}\n' },
  { config: 'systemd:\n  units:\n  - name: a.service\n    contents: "[Service]\\nfoo\\n"\n' },
  { config: 'systemd:\n  units:\n  - name: a.service\n    contents: "foo=bar\\n"\n' },
  { config: 'storage:\n  links:\n  - {path: /a}\n' },
  { config: 'storage:\n  files:\n  - {path: /a/../b, mode: 0644}\n' },
  { config: 'storage:\n  files:\n  - {path: /a, mode: 0644, user: {id: 1, name: core}}\n' },
  { config: 'storage:\n  files:\n  - {path: /a, mode: 0644, append: true, overwrite: true}\n' },
  { config: 'storage:\n  filesystems:\n  - name: x\n' },
  { config: 'storage:\n  raid:\n  - {name: md, level: raid7, devices: [/dev/sda]}\n' },
  { config: 'storage:\n  disks:\n  - device: sdb\n' },
  {
    config:
      'systemd:\n  units:\n  - name: a.service\n    enable: true\n    contents: "[Service]\\nExecStart=/bin/true\\n[Install]\\nWantedBy=multi-user.target\\n"\n',
  },
  { config: 'version: 1\n' },
  { config: 'systemd:\n  units:\n  - name: a.service\n    contents: "[Service] x\\nA=b\\n"\n' },
  { config: 'systemd:\n  units:\n  - name: a.service\n    contents: "[Service\\nA=b]\\nC=d\\n"\n' },
  {
    config:
      'systemd:\n  units:\n  - name: a.service\n    contents: "# c\\nfoo\\n[Service]\\nA=b \\\\\\n  c\\n; d\\n"\n',
  },
  { config: 'systemd:\n  units:\n  - name: a.service\n    contents: "[Service]\\nfoo"\n' },
  {
    config: 'systemd:\n  units:\n  - name: a.service\n    dropins: [{name: a.conf, contents: "[Service]\\nfoo\\n"}]\n',
  },
  { config: 'storage:\n  files:\n  - {path: /a, mode: 0644, contents: {remote: {url: "https://x/a%zz"}}}\n' },
  {
    config:
      'docker:\n  flags: [--log-level=warn, --iptables=false]\nsystemd:\n  units:\n  - name: a.service\n    mask: true\n',
  },
  { config: 'docker: {}\n' },
  { config: 'etcd:\nflannel: ~\n' },
  {
    config:
      'storage:\n  files:\n  - {path: /a, mode: 0644, contents: {remote: {url: "HTTPS://X/a(1)!%7e?q=a b#fr ag"}}}\n',
  },
];

const getConfig = (namespace: string, name: string) => client.get(KubeadmConfig, { namespace, name });

async function dataSecret(namespace: string, name: string): Promise<Secret> {
  return await eventually(
    async () => {
      const config = await getConfig(namespace, name);
      expect(config.status?.initialization?.dataSecretCreated, `${namespace}/${name}: ${goOutput.slice(-2000)}`).toBe(
        true,
      );
      return await client.get(builtin.secret, { namespace, name });
    },
    { timeoutMs: 30_000 },
  );
}

function comparableSecret(secret: Secret) {
  const data = secretData(secret);
  const format = data.format;
  return {
    type: secret.type,
    labels: secret.metadata.labels,
    owners: secret.metadata.ownerReferences?.map((r) => ({
      apiVersion: r.apiVersion,
      kind: r.kind,
      name: r.name,
      controller: r.controller,
    })),
    format,
    value: format === 'ignition' ? normaliseIgnition(data.value ?? '') : normaliseCloudConfig(data.value ?? ''),
  };
}

async function comparableConfig(namespace: string, name: string) {
  const config = await getConfig(namespace, name);
  return {
    joinConfiguration: JSON.parse(normaliseText(JSON.stringify(config.spec?.joinConfiguration ?? {}))),
    dataSecretName: config.status?.dataSecretName,
    conditions: (config.status?.conditions ?? [])
      .map((c) => ({ type: c.type, status: c.status, reason: c.reason }))
      .sort((a, b) => a.type.localeCompare(b.type)),
  };
}

describe.skipIf(!binaries)('the same inputs through Cluster API v1.14 CABPK and this provider', () => {
  beforeAll(async () => {
    env = await startTestEnvironment({
      crds: [clusterApiCrdDirectory(), new URL('../../config/crd/bases/', import.meta.url).pathname],
    });
    client = new KubeClient(env.kubeConfig);
    certDir = await servingCertificateDir();
    const gates = '--feature-gates=MachinePool=true,KubeadmBootstrapFormatIgnition=true';
    goManager = spawn(
      (binaries as CapiBinaries).kubeadmBootstrapManager,
      [
        `--kubeconfig=${env.kubeconfigPath}`,
        '--namespace=go',
        `--webhook-port=${await freePort()}`,
        `--webhook-cert-dir=${certDir}`,
        '--health-addr=0',
        '--diagnostics-address=0',
        '--insecure-diagnostics',
        '--skip-crd-migration-phases=StorageVersionMigration,CleanupManagedFields',
        gates,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    goManager.stdout?.on('data', (chunk: Buffer) => {
      goOutput += chunk.toString('utf8');
    });
    goManager.stderr?.on('data', (chunk: Buffer) => {
      goOutput += chunk.toString('utf8');
    });
    ours = createManager(
      [
        '--namespace=ts',
        `--webhook-port=${await freePort()}`,
        `--webhook-cert-dir=${certDir}`,
        '--metrics-bind-address=0',
        '--health-probe-bind-address=0',
        '--log-level=silent',
        gates,
      ],
      { kubeConfig: env.kubeConfig },
    );
    oursRunning = ours.start(stopOurs.signal);
    for (const namespace of NAMESPACES) await createInputs(namespace);
  });

  afterAll(async () => {
    goManager?.kill('SIGTERM');
    if (process.env.CABPK_DIFF_LOG) await writeFile(process.env.CABPK_DIFF_LOG, goOutput);
    stopOurs.abort();
    await oursRunning?.catch(() => undefined);
    await env?.stop();
    if (certDir) await rm(certDir, { recursive: true, force: true });
  });

  it('initialises the same control plane', async () => {
    const [go, ts] = await Promise.all(NAMESPACES.map((ns) => dataSecret(ns, 'cp-0')));
    expect(comparableSecret(ts as Secret)).toEqual(comparableSecret(go as Secret));
    expect(await comparableConfig('ts', 'cp-0')).toEqual(await comparableConfig('go', 'cp-0'));
  });

  it('joins a control plane, a worker and Ignition workers (one with an additional Container Linux Config) the same way', async () => {
    for (const namespace of NAMESPACES) await createJoiners(namespace);
    for (const name of ['cp-1', 'worker-0', 'worker-ign', 'worker-clc']) {
      const [go, ts] = await Promise.all(NAMESPACES.map((ns) => dataSecret(ns, name)));
      expect(comparableSecret(ts as Secret), name).toEqual(comparableSecret(go as Secret));
      if (secretData(go as Secret).format === 'ignition') {
        // Ignition JSON keys in the same order: Go marshals struct fields in declaration order.
        const keyOrder = (secret: Secret) => JSON.stringify(comparableSecret(secret).value);
        expect(keyOrder(ts as Secret), name).toBe(keyOrder(go as Secret));
      }
      expect(await comparableConfig('ts', name), name).toEqual(await comparableConfig('go', name));
    }
  });

  it('accepts and refuses the same additional Container Linux Configs', async () => {
    for (const namespace of NAMESPACES) {
      const cluster = await client.get(capiTypes.cluster, { namespace, name: 'diff' });
      for (const [index, { config, strict }] of EDGE_CONFIGS.entries()) {
        await createMachineWithConfig(client, cluster, `edge-${index}`, {
          spec: {
            format: 'ignition',
            ignition: { containerLinuxConfig: { additionalConfig: config, ...(strict ? { strict } : {}) } },
            joinConfiguration: { nodeRegistration: { name: 'edge' } },
          },
        });
      }
    }
    // CABPK logs a refused config (klog entries start with a severity letter and the date) and sets no condition.
    const goRefused = (name: string) =>
      goOutput
        .split(/\n(?=[IWE]\d{4} )/)
        .some((entry) => entry.includes('additional CLC') && entry.includes(`KubeadmConfig="go/${name}"`));
    const mismatches: string[] = [];
    for (const [index, { config }] of EDGE_CONFIGS.entries()) {
      const name = `edge-${index}`;
      const ts = await eventually(async () => {
        const available = condition(await getConfig('ts', name), 'DataSecretAvailable');
        expect(available?.status === 'True' || available?.message?.includes('additionalConfig')).toBe(true);
        return available?.status === 'True' ? 'accepted' : 'refused';
      });
      const go = await eventually(
        async () => {
          if ((await getConfig('go', name)).status?.initialization?.dataSecretCreated) return 'accepted';
          expect(goRefused(name), `${name}: neither data nor an error from CABPK yet`).toBe(true);
          return 'refused';
        },
        { timeoutMs: 30_000 },
      );
      if (ts !== go) mismatches.push(`${name} ${JSON.stringify(config)}: CABPK ${go}, this provider ${ts}`);
      else if (go === 'accepted') {
        const [goSecret, tsSecret] = await Promise.all(NAMESPACES.map((ns) => dataSecret(ns, name)));
        const [goValue, tsValue] = [goSecret, tsSecret].map((secret) =>
          JSON.stringify(comparableSecret(secret as Secret)),
        );
        if (goValue !== tsValue) mismatches.push(`${name} ${JSON.stringify(config)}: different data`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 180_000);
});
