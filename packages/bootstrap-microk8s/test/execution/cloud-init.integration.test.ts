import { randomBytes } from 'node:crypto';
import { IncusNotFoundError } from '@capi-ts/provider-incus/incus';
import {
  type CloudImage,
  ensureCloudImage,
  ensureIncus,
  IncusCleanup,
  launchContainer,
  readStandInCalls,
  uniqueName,
  waitForCloudInit,
} from '@capi-ts/provider-incus/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BOOTSTRAP_SENTINEL_PATH,
  initControlPlaneCloudConfig,
  joinControlPlaneCloudConfig,
  renderCloudConfig,
  SCRIPT_DIRECTORY,
  workerCloudConfig,
} from '../../src/cloudinit/index.js';
import { defaulted } from '../cloudinit/fixtures.js';
import { failingCallsFile, machineImageFiles, SNAP_DATA } from './machine-image.js';

// The generated user data under real cloud-init (22.4, Jinja header included) in an Incus system container whose
// image has recording stand-ins for snap, microk8s, iptables and apt-get: the commands each role runs, in order and
// with their arguments (cp-bootstrap.md B.4), the files written with their modes, what the scripts change in the
// snap's data, and the sentinel, which a failing last step must not leave. Without an Incus daemon the file is skipped
// with the reason printed.

const incus = await ensureIncus();
if (!incus.available) console.warn(incus.reason);

const joinToken = randomBytes(16).toString('hex');
const authToken = randomBytes(16).toString('hex');
const ca = {
  cert: '-----BEGIN CERTIFICATE-----\nY2VydA==\n-----END CERTIFICATE-----\n',
  key: '-----BEGIN RSA PRIVATE KEY-----\na2V5\n-----END RSA PRIVATE KEY-----\n',
};
const kubernetesVersion = 'v1.30.2';
const dnsEndpoint = 'k8s.example.internal';

const roles = {
  init: renderCloudConfig(
    initControlPlaneCloudConfig({
      spec: defaulted({
        initConfiguration: {
          addons: ['ingress'],
          extraKubeletArgs: ['--max-pods=200', '--node-labels=capi-ts=yes'],
          httpProxy: 'http://proxy.internal:3128',
          noProxy: '10.0.0.0/8,.internal',
        },
      }),
      kubernetesVersion,
      controlPlaneEndpoint: dnsEndpoint,
      joinToken,
      authToken,
      ca,
    }),
  ),
  joinControlPlane: renderCloudConfig(
    joinControlPlaneCloudConfig({
      spec: defaulted({
        clusterConfiguration: { portCompatibilityRemap: false },
        initConfiguration: { IPinIP: true, addons: ['metrics-server'] },
      }),
      kubernetesVersion,
      controlPlaneEndpoint: '10.87.142.250',
      joinToken,
      authToken,
      joinNodeIps: ['10.87.142.31', '10.87.142.32'],
    }),
  ),
  worker: renderCloudConfig(
    workerCloudConfig({
      spec: defaulted({ initConfiguration: { confinement: 'strict', riskLevel: 'candidate' } }),
      kubernetesVersion,
      controlPlaneEndpoint: dnsEndpoint,
      joinToken,
      joinNodeIps: ['10.87.142.41', '10.87.142.42'],
    }),
  ),
  /** The first node again, with the user's boot, pre- and post-run commands, and an `add-node` that fails. */
  initWithFailingAddNode: renderCloudConfig(
    initControlPlaneCloudConfig({
      spec: defaulted({
        initConfiguration: {
          bootCommands: [`mkdir -p /etc/capi-ts && echo '[["add-node"]]' > ${failingCallsFile('microk8s')}`],
          preRunCommands: ['snap wait system seed.loaded'],
          postRunCommands: ['microk8s status'],
        },
      }),
      kubernetesVersion,
      controlPlaneEndpoint: dnsEndpoint,
      joinToken,
      authToken,
      ca,
    }),
  ),
};

type Role = keyof typeof roles;

const call = (command: string, ...args: unknown[]) => ({ command, args });
const csrHook = call('snap', 'set', 'microk8s', expect.stringMatching(/^hack\.update\.csr=call\d+$/));
const configureHook = call('snap', 'set', 'microk8s', expect.stringMatching(/^configure=call\d+$/));
const restart = (daemon: string) => call('snap', 'restart', `microk8s.daemon-${daemon}`);
const waitApiServer = call('microk8s', 'kubectl', 'get', '--raw', '/readyz');
const redirect = ['-p', 'tcp', '--dport', '16443', '-j', 'REDIRECT', '--to-port', '6443'];
/** 10-configure-apiserver.sh: certificate hook, restart, wait, service re-creation, 16443 → 6443 redirects. */
const configureApiServer = [
  csrHook,
  restart('kubelite'),
  waitApiServer,
  call('microk8s', 'kubectl', 'delete', 'svc', 'kubernetes'),
  call('iptables', '-t', 'nat', '-C', 'OUTPUT', '-o', 'lo', ...redirect),
  call('iptables', '-t', 'nat', '-A', 'OUTPUT', '-o', 'lo', ...redirect),
  call('iptables', '-t', 'nat', '-C', 'PREROUTING', ...redirect),
  call('iptables', '-t', 'nat', '-A', 'PREROUTING', ...redirect),
  call('apt-get', 'install', '-y', 'iptables-persistent'),
];
/** 10-configure-cert-for-lb.sh: certificate hook, restart, wait. */
const certForLb = [csrHook, restart('kubelite'), waitApiServer];

describe.skipIf(!incus.available)('the generated cloud-init under real cloud-init in an Incus container', () => {
  if (!incus.available) return;
  const { client } = incus;
  const cleanup = new IncusCleanup(client);
  const names = {} as Record<Role, string>;
  let image: CloudImage;

  beforeAll(async () => {
    image = await ensureCloudImage(client, { extraFiles: machineImageFiles() });
    await Promise.all(
      (Object.keys(roles) as Role[]).map((role) => {
        names[role] = cleanup.instance(uniqueName(`mk8s-${role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`));
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

  async function expectSentinel(role: Role) {
    expect(await file(role, BOOTSTRAP_SENTINEL_PATH)).toMatchObject({ content: 'success\n' });
  }

  async function expectScripts(role: Role) {
    const listing = await client.files.pull(names[role], SCRIPT_DIRECTORY);
    expect(listing.entries).toHaveLength(15);
    for (const script of listing.entries ?? []) {
      expect((await file(role, `${SCRIPT_DIRECTORY}/${script}`)).mode, script).toBe(0o700);
    }
  }

  it('init control plane: installs, configures ports, certificate and API server, enables addons, opens joins', async () => {
    expect(await finishedCalls('init')).toEqual([
      call('snap', 'list', 'microk8s'),
      call('snap', 'install', 'microk8s', '--channel', '1.30/stable', '--classic'),
      restart('containerd'),
      restart('kubelite'),
      waitApiServer,
      call('microk8s', 'refresh-certs', '/var/tmp'),
      restart('cluster-agent'),
      restart('k8s-dqlite'),
      ...certForLb,
      ...configureApiServer,
      call('microk8s', 'enable', 'community'),
      call('microk8s', 'enable', 'ingress'),
      call('microk8s', 'enable', 'dns'),
      call('microk8s', 'status', '--wait-ready'),
      call('microk8s', 'add-node', '--token-ttl', '315569260', '--token', joinToken),
    ]);
    await expectSentinel('init');
    await expectScripts('init');
    expect(await file('init', '/var/tmp/ca.crt')).toEqual({ content: ca.cert, mode: 0o600 });
    expect(await file('init', '/var/tmp/ca.key')).toEqual({ content: ca.key, mode: 0o600 });
    expect(await file('init', '/capi/etc/token')).toEqual({ content: authToken, mode: 0o600 });
    expect(await file('init', '/var/tmp/extra-kubelet-args')).toEqual({
      content: '--max-pods=200\n--node-labels=capi-ts=yes',
      mode: 0o400,
    });
    // What the scripts did to the snap's files.
    expect((await file('init', `${SNAP_DATA}/args/kubelet`)).content).toContain(
      '# ClusterAPI configuration\n--max-pods=200\n--node-labels=capi-ts=yes\n',
    );
    expect((await file('init', `${SNAP_DATA}/args/containerd-env`)).content).toContain(
      '# Configuration from ClusterAPI\nhttp_proxy=http://proxy.internal:3128\nHTTP_PROXY=http://proxy.internal:3128\n' +
        'no_proxy=10.0.0.0/8,.internal\nNO_PROXY=10.0.0.0/8,.internal\n',
    );
    expect((await file('init', `${SNAP_DATA}/args/cluster-agent`)).content).toBe('--bind 0.0.0.0:30000\n');
    expect((await file('init', `${SNAP_DATA}/var/kubernetes/backend/update.yaml`)).content).toContain(
      'Address: 127.0.0.1:2379\n',
    );
    expect((await file('init', `${SNAP_DATA}/certs/csr.conf.template`)).content).toContain(
      `DNS.1 = kubernetes\nDNS.100 = ${dnsEndpoint}\n`,
    );
    expect((await file('init', `${SNAP_DATA}/args/kube-apiserver`)).content).toBe(
      '--cert-dir=$SNAP_DATA/certs\n--secure-port=6443\n--service-node-port-range=30001-32767\n',
    );
    expect((await file('init', `${SNAP_DATA}/credentials/kubelet.config`)).content).toBe(
      'server: https://127.0.0.1:6443\n',
    );
  }, 120_000);

  it('join control plane: Calico IPIP, the IP endpoint in the certificate, join, API server, add-node, addons', async () => {
    expect(await finishedCalls('joinControlPlane')).toEqual([
      call('snap', 'list', 'microk8s'),
      call('snap', 'install', 'microk8s', '--channel', '1.30/stable', '--classic'),
      waitApiServer,
      call('microk8s', 'kubectl', 'delete', 'daemonset/calico-node', '-n', 'kube-system'),
      call('microk8s', 'kubectl', 'delete', 'ippools', '--all'),
      call('microk8s', 'kubectl', 'apply', '-f', `${SNAP_DATA}/args/cni-network/cni.yaml`),
      waitApiServer,
      ...certForLb,
      call('microk8s', 'join', `10.87.142.31:25000/${joinToken}`),
      configureHook,
      restart('containerd'),
      restart('kubelite'),
      waitApiServer,
      ...configureApiServer,
      call('microk8s', 'add-node', '--token-ttl', '315569260', '--token', joinToken),
      call('microk8s', 'enable', 'community'),
      call('microk8s', 'enable', 'metrics-server'),
      call('microk8s', 'status', '--wait-ready'),
    ]);
    await expectSentinel('joinControlPlane');
    await expectScripts('joinControlPlane');
    expect(await file('joinControlPlane', '/capi/etc/token')).toEqual({ content: authToken, mode: 0o600 });
    await expect(file('joinControlPlane', '/var/tmp/ca.key')).rejects.toBeInstanceOf(IncusNotFoundError);
    expect((await file('joinControlPlane', `${SNAP_DATA}/certs/csr.conf.template`)).content).toContain(
      'DNS.1 = kubernetes\nIP.100 = 10.87.142.250\n',
    );
    expect((await file('joinControlPlane', `${SNAP_DATA}/args/cni-network/cni.yaml`)).content).toBe(
      '- name: CALICO_IPV4POOL_IPIP\n  value: "Always"\ncalico_backend: "bird"\n- -bird-live\n- -bird-ready\n',
    );
    // MicroK8s' own ports stay without the port remap.
    expect((await file('joinControlPlane', `${SNAP_DATA}/args/cluster-agent`)).content).toBe('--bind 0.0.0.0:25000\n');
  }, 120_000);

  it('worker: strict confinement from the candidate channel, join as worker, API server proxy to the endpoint', async () => {
    expect(await finishedCalls('worker')).toEqual([
      call('snap', 'list', 'microk8s'),
      call('snap', 'install', 'microk8s', '--channel', '1.30-strict/candidate'),
      waitApiServer,
      restart('cluster-agent'),
      call('microk8s', 'join', `10.87.142.41:30000/${joinToken}`, '--worker'),
      configureHook,
      restart('containerd'),
      restart('kubelite'),
      restart('apiserver-proxy'),
    ]);
    await expectSentinel('worker');
    await expectScripts('worker');
    await expect(file('worker', '/capi/etc/token')).rejects.toBeInstanceOf(IncusNotFoundError);
    expect((await file('worker', `${SNAP_DATA}/args/traefik/provider.yaml`)).content).toBe(
      `tcp:\n  services:\n    kube-apiserver:\n      loadBalancer:\n        servers:\n        - address: '${dnsEndpoint}:6443'\n`,
    );
    expect((await file('worker', `${SNAP_DATA}/args/apiserver-proxy`)).content).toContain('--refresh-interval 0s\n');
  }, 120_000);

  it('a failing last step leaves no sentinel; boot, pre- and post-run commands run where the user asked', async () => {
    const calls = await finishedCalls('initWithFailingAddNode');
    expect(calls[0]).toEqual(call('snap', 'wait', 'system', 'seed.loaded'));
    expect(calls[1]).toEqual(call('snap', 'list', 'microk8s'));
    expect(calls.slice(-2)).toEqual([
      call('microk8s', 'add-node', '--token-ttl', '315569260', '--token', joinToken),
      call('microk8s', 'status'),
    ]);
    await expect(file('initWithFailingAddNode', BOOTSTRAP_SENTINEL_PATH)).rejects.toBeInstanceOf(IncusNotFoundError);
  }, 120_000);
});
