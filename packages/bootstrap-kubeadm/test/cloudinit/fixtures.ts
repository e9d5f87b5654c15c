import type { BootstrapInput, ResolvedFile } from '../../src/cloudinit/index.js';
import {
  clusterConfigurationDocument,
  initConfigurationDocument,
  joinConfigurationDocument,
  marshalGoYaml,
} from '../../src/kubeadm/index.js';

// Inputs shared by the cloud-config and Ignition golden tests: one minimal node and one with every option.

/** Certificate files as the controller writes them for control-plane nodes (fake PEM). */
export const CERT_FILES: ResolvedFile[] = [
  ['ca.crt', '0640'],
  ['ca.key', '0600'],
  ['etcd/ca.crt', '0640'],
  ['etcd/ca.key', '0600'],
  ['front-proxy-ca.crt', '0640'],
  ['front-proxy-ca.key', '0600'],
  ['sa.pub', '0640'],
  ['sa.key', '0600'],
].map(([name, permissions]) => ({
  path: `/etc/kubernetes/pki/${name}`,
  owner: 'root:root',
  permissions,
  content: `-----BEGIN FAKE-----\n${name}\n-----END FAKE-----\n`,
}));

/** Every node option set, with the quirks upstream keeps (explicit false booleans, Jinja, quotes). */
export const EVERY_OPTION: BootstrapInput = {
  writeFiles: [
    { path: '/etc/motd', owner: 'root:root', permissions: '0644', content: 'hello\nworld\n', append: true },
    { path: '/tmp/my-path', encoding: 'base64', content: 'aGk=' },
    { path: '/etc/flag', append: false, content: 'on' },
  ],
  users: [
    {
      name: 'capi',
      gecos: 'Cluster API',
      groups: 'docker, wheel',
      homeDir: '/home/capi',
      inactive: false,
      shell: '/bin/bash',
      passwd: '$6$rounds=4096$salt$hash',
      primaryGroup: 'capi',
      lockPassword: false,
      sudo: 'ALL=(ALL) NOPASSWD:ALL',
      sshAuthorizedKeys: ['ssh-ed25519 AAAA capi@example', 'ssh-rsa BBBB other'],
    },
    { name: 'plain' },
  ],
  bootCommands: ['echo $(date)', "echo 'hello BootCommands!'"],
  preKubeadmCommands: [
    `"echo $(date) ': hello PreKubeadmCommands!'"`,
    'hostnamectl set-hostname {{ ds.meta_data.hostname }}',
  ],
  postKubeadmCommands: ["echo $(date) ': hello PostKubeadmCommands!'", 'tab\there'],
  ntp: { enabled: true, servers: ['0.pool.ntp.org', 'time.example.com'] },
  diskSetup: {
    partitions: [
      { device: '/dev/sdb', layout: true, overwrite: false, tableType: 'gpt' },
      {
        device: '/dev/sdc',
        tableType: 'mbr',
        diskLayout: [
          { percentage: 30, partitionType: 'Linux' },
          { percentage: 20 },
          { percentage: 50, partitionType: 'LinuxRAID' },
        ],
      },
    ],
    filesystems: [
      { device: '/dev/sdb1', filesystem: 'ext4', label: 'test_disk', extraOpts: ['-F', '-E', 'lazy_itable_init=1'] },
      { device: '/dev/sdc', filesystem: 'xfs', partition: 'auto', overwrite: true, replaceFS: 'ntfs' },
    ],
  },
  mounts: [
    ['test_disk', '/var/lib/testdir'],
    ['/dev/sdc1', '/mnt/data', 'xfs', 'defaults,nofail', '0', '2'],
  ],
  verbosity: 10,
};

/** A node with nothing but what kubeadm needs. */
export const MINIMAL: BootstrapInput = { writeFiles: [] };

const CLUSTER_DATA = {
  clusterName: 'my-cluster',
  kubernetesVersion: 'v1.32.1',
  controlPlaneEndpoint: 'api.example.com:6443',
  dnsDomain: 'cluster.local',
  serviceSubnet: '10.96.0.0/12',
  podSubnet: '192.168.0.0/16',
};

/** The kubeadm documents of the init node. */
export const INIT_DOCUMENTS = {
  clusterConfiguration: marshalGoYaml(clusterConfigurationDocument({}, CLUSTER_DATA, 'kubeadm.k8s.io/v1beta4')),
  initConfiguration: marshalGoYaml(
    initConfigurationDocument(
      {
        nodeRegistration: {
          name: '{{ ds.meta_data.local_hostname }}',
          kubeletExtraArgs: [{ name: 'cloud-provider', value: 'external' }],
        },
      },
      'kubeadm.k8s.io/v1beta4',
    ),
  ),
};

const DISCOVERY = {
  bootstrapToken: {
    token: 'abcdef.0123456789abcdef',
    apiServerEndpoint: 'api.example.com:6443',
    caCertHashes: ['sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9'],
  },
};

/** The JoinConfiguration of a control-plane node. */
export const JOIN_CONTROL_PLANE_DOCUMENT = marshalGoYaml(
  joinConfigurationDocument({ controlPlane: {}, discovery: DISCOVERY }, 'kubeadm.k8s.io/v1beta4'),
);

/** The JoinConfiguration of a worker (with the uninitialized taint the controller injects). */
export const WORKER_DOCUMENT = marshalGoYaml(
  joinConfigurationDocument(
    {
      discovery: DISCOVERY,
      nodeRegistration: { taints: [{ key: 'node.cluster.x-k8s.io/uninitialized', effect: 'NoSchedule' }] },
    },
    'kubeadm.k8s.io/v1beta4',
  ),
);
