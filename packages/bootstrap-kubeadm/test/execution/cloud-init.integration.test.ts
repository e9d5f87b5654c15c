import {
  type CloudImage,
  ensureCloudImage,
  ensureIncus,
  IncusCleanup,
  launchContainer,
  readStandInCalls,
  recordingStandIn,
  uniqueName,
  waitForCloudInit,
} from '@capi-ts/provider-incus/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeadmConfigSpec } from '../../src/api/v1beta2/index.js';
import type { BootstrapRole, ResolvedFile } from '../../src/cloudinit/index.js';
import { SENTINEL_FILE } from '../../src/cloudinit/index.js';
import { controlPlaneCertificateFiles, renderBootstrapData } from '../../src/controllers/kubeadmconfig/index.js';
import { initControlPlaneRole, joinRole } from '../../src/controllers/kubeadmconfig/node-documents.js';

// The cloud-config the controller renders, under real cloud-init (Jinja header included) in an Incus system
// container whose image has a recording stand-in for kubeadm: the kubeadm call of each role with its arguments, the
// kubeadm documents as kubeadm would read them (Jinja rendered), certificate and user files with their modes and
// owners, users, pre/post commands around kubeadm, and the sentinel, which a failing kubeadm must not leave.
// Without an Incus daemon the file is skipped with the reason printed.

const incus = await ensureIncus();
if (!incus.available) console.warn(incus.reason);

const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
const certificates = Object.fromEntries(
  (['ca', 'etcd', 'proxy', 'sa'] as const).map((p) => [
    p,
    { cert: pem('CERTIFICATE', Buffer.from(`${p} cert`).toString('base64')), key: pem('RSA PRIVATE KEY', p) },
  ]),
);
const certFiles: ResolvedFile[] = controlPlaneCertificateFiles(undefined, certificates);

const spec: KubeadmConfigSpec = {
  initConfiguration: { nodeRegistration: { name: '{{ ds.meta_data.local_hostname }}' } },
  joinConfiguration: { nodeRegistration: { name: '{{ ds.meta_data.local_hostname }}' } },
  preKubeadmCommands: ['echo pre > /tmp/pre-kubeadm'],
  postKubeadmCommands: ['echo post > /tmp/post-kubeadm'],
  users: [{ name: 'capi', sudo: 'ALL=(ALL) NOPASSWD:ALL', sshAuthorizedKeys: ['ssh-ed25519 AAAAC3Nza capi@test'] }],
  verbosity: 5,
};
const userFiles: ResolvedFile[] = [
  { path: '/etc/capi-ts/plain.conf', owner: 'root:root', permissions: '0640', content: 'key = value\n' },
  { path: '/etc/capi-ts/decoded.txt', encoding: 'base64', content: Buffer.from('decoded\n').toString('base64') },
];
const cluster = {
  metadata: { name: 'exec' },
  spec: {
    controlPlaneEndpoint: { host: 'exec.example.internal', port: 6443 },
    clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] }, serviceDomain: 'cluster.local' },
  },
};
const discovery = {
  token: 'abcdef.0123456789abcdef',
  apiServerEndpoint: 'exec.example.internal:6443',
  caCertHashes: ['sha256:0000000000000000000000000000000000000000000000000000000000000000'],
};
const inputs = (files: ResolvedFile[], extra: Partial<KubeadmConfigSpec> = {}) => ({
  spec: { ...spec, ...extra },
  writeFiles: files,
  users: spec.users,
  kubernetesVersion: 'v1.31.2',
});
const cloudConfig = (role: BootstrapRole) => renderBootstrapData(undefined, role).value;

const roles = {
  init: cloudConfig(initControlPlaneRole(inputs([...certFiles, ...userFiles]), cluster)),
  joinControlPlane: cloudConfig(joinRole(inputs([...certFiles, ...userFiles]), true, discovery)),
  worker: cloudConfig(joinRole(inputs(userFiles), false, discovery)),
  /** A worker whose kubeadm fails (bootcmd replaces the stand-in with one that exits 1). */
  failingWorker: cloudConfig(
    joinRole(
      inputs(userFiles, {
        bootCommands: ["printf '#!/bin/sh\\nexit 1\\n' > /usr/local/bin/kubeadm"],
      }),
      false,
      discovery,
    ),
  ),
};
type Role = keyof typeof roles;

describe.skipIf(!incus.available)('the generated cloud-config under real cloud-init in an Incus container', () => {
  if (!incus.available) return;
  const { client } = incus;
  const cleanup = new IncusCleanup(client);
  const names = {} as Record<Role, string>;
  let image: CloudImage;

  beforeAll(async () => {
    image = await ensureCloudImage(client, { extraFiles: [recordingStandIn({ name: 'kubeadm' })] });
    await Promise.all(
      (Object.keys(roles) as Role[]).map((role) => {
        names[role] = cleanup.instance(uniqueName(`kubeadm-${role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`));
        return launchContainer(client, { name: names[role], image, userData: roles[role] });
      }),
    );
  });
  afterAll(() => cleanup.run());

  async function finishedCalls(role: Role) {
    const status = await waitForCloudInit(client, names[role]);
    expect(status.exitCode, `${status.stdout}\n${status.stderr}`).toBe(0);
    return (await readStandInCalls(client, names[role])).map(({ command, args }) => ({ command, args }));
  }

  async function file(role: Role, path: string) {
    const pulled = await client.files.pull(names[role], path);
    return { content: pulled.content.toString('utf8'), mode: pulled.mode };
  }

  async function exists(role: Role, path: string): Promise<boolean> {
    return await client.files.pull(names[role], path).then(
      () => true,
      () => false,
    );
  }

  async function expectNodeBasics(role: Role) {
    expect(await file(role, '/etc/capi-ts/plain.conf')).toEqual({ content: 'key = value\n', mode: 0o640 });
    expect((await file(role, '/etc/capi-ts/decoded.txt')).content).toBe('decoded\n');
    expect((await file(role, '/tmp/pre-kubeadm')).content).toBe('pre\n');
    expect((await file(role, '/etc/passwd')).content).toMatch(/^capi:/m);
    expect((await file(role, '/home/capi/.ssh/authorized_keys')).content).toContain('ssh-ed25519 AAAAC3Nza capi@test');
    expect((await file(role, '/etc/sudoers.d/90-cloud-init-users')).content).toContain('capi ALL=(ALL) NOPASSWD:ALL');
  }

  async function expectCertificates(role: Role) {
    for (const f of certFiles) {
      expect(await file(role, f.path), f.path).toEqual({
        content: f.content,
        mode: f.permissions === '0600' ? 0o600 : 0o640,
      });
    }
  }

  it('init control plane: kubeadm init with both documents, certificates, files, users, the sentinel', async () => {
    expect(await finishedCalls('init')).toEqual([
      { command: 'kubeadm', args: ['init', '--config', '/run/kubeadm/kubeadm.yaml', '--v', '5'] },
    ]);
    const documents = parseAllDocuments((await file('init', '/run/kubeadm/kubeadm.yaml')).content).map(
      (d) => d.toJS() as Record<string, unknown>,
    );
    expect(documents.map((d) => d.kind)).toEqual(['ClusterConfiguration', 'InitConfiguration']);
    expect(documents[0]).toMatchObject({
      apiVersion: 'kubeadm.k8s.io/v1beta4',
      clusterName: 'exec',
      controlPlaneEndpoint: 'exec.example.internal:6443',
      kubernetesVersion: 'v1.31.2',
      networking: { dnsDomain: 'cluster.local', podSubnet: '192.168.0.0/16' },
    });
    // The Jinja header made cloud-init render the node name from the instance metadata.
    expect(documents[1]).toMatchObject({ nodeRegistration: { name: names.init } });
    await expectCertificates('init');
    await expectNodeBasics('init');
    expect((await file('init', '/tmp/post-kubeadm')).content).toBe('post\n');
    expect(await file('init', SENTINEL_FILE)).toMatchObject({ content: 'success\n' });
  }, 120_000);

  it('join control plane: kubeadm join as control plane with the certificates', async () => {
    expect(await finishedCalls('joinControlPlane')).toEqual([
      { command: 'kubeadm', args: ['join', '--config', '/run/kubeadm/kubeadm-join-config.yaml', '--v', '5'] },
    ]);
    const join = parseAllDocuments((await file('joinControlPlane', '/run/kubeadm/kubeadm-join-config.yaml')).content)
      .map((d) => d.toJS() as Record<string, unknown>)
      .find((d) => d.kind === 'JoinConfiguration');
    expect(join).toMatchObject({
      controlPlane: {},
      discovery: { bootstrapToken: { ...discovery } },
      nodeRegistration: { name: names.joinControlPlane },
    });
    await expectCertificates('joinControlPlane');
    await expectNodeBasics('joinControlPlane');
    expect(await file('joinControlPlane', SENTINEL_FILE)).toMatchObject({ content: 'success\n' });
  });

  it('worker: kubeadm join with the uninitialized taint and no certificates', async () => {
    expect(await finishedCalls('worker')).toEqual([
      { command: 'kubeadm', args: ['join', '--config', '/run/kubeadm/kubeadm-join-config.yaml', '--v', '5'] },
    ]);
    const join = parseAllDocuments((await file('worker', '/run/kubeadm/kubeadm-join-config.yaml')).content)
      .map((d) => d.toJS() as Record<string, unknown>)
      .find((d) => d.kind === 'JoinConfiguration');
    expect(join).toMatchObject({
      nodeRegistration: { taints: [{ key: 'node.cluster.x-k8s.io/uninitialized', effect: 'NoSchedule' }] },
    });
    expect(join?.controlPlane).toBeUndefined();
    expect(await exists('worker', '/etc/kubernetes/pki/ca.key')).toBe(false);
    await expectNodeBasics('worker');
    expect(await file('worker', SENTINEL_FILE)).toMatchObject({ content: 'success\n' });
  });

  it('a failing kubeadm leaves no sentinel; the post commands still run', async () => {
    await waitForCloudInit(client, names.failingWorker);
    expect(await exists('failingWorker', SENTINEL_FILE)).toBe(false);
    expect((await file('failingWorker', '/tmp/post-kubeadm')).content).toBe('post\n');
  });
});
