import { celRule } from '@capi-ts/sdk';
import { z } from 'zod';
import {
  BOOTSTRAP_FORMATS,
  boundedString,
  envVarSchema,
  fileDiscoveryKubeConfigSchema,
  fileSchema,
  hostPathMountSchema,
  secretKeyReferenceSchema,
  taintSchema,
} from '../v1beta2/index.js';

// `KubeadmConfigSpec` v1beta1 (served, not stored), as Cluster API v1.14 declares it: kubeadm-shaped documents
// with TypeMeta, map-shaped `extraArgs`/`kubeletExtraArgs`, Go durations, Cluster-derived fields
// (`clusterName`, `networking`, `kubernetesVersion`) and `useExperimentalRetryJoin`.

/** An array of at most `max` items. */
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max);

const TYPE_META = {
  apiVersion: z.string().describe('APIVersion of the embedded kubeadm document; ignored.').optional(),
  kind: z.string().describe('Kind of the embedded kubeadm document; ignored.').optional(),
};

const stringMap = () => z.record(z.string(), z.string());

function component() {
  return {
    extraArgs: stringMap().describe('Extra flags of the component.').optional(),
    extraVolumes: list(hostPathMountSchema, 100).describe('Extra host paths mounted into the pod.').optional(),
    extraEnvs: list(envVarSchema, 100).describe('Extra environment variables of the container.').optional(),
  };
}

const endpoint = z
  .object({
    advertiseAddress: boundedString(1, 39).describe('IP address the API server advertises.').optional(),
    bindPort: z.int32().describe('Port the API server binds to.').optional(),
  })
  .describe('The API server endpoint of this node.');

const nodeRegistration = z
  .object({
    name: boundedString(1, 253).describe('Name of the Node object.').optional(),
    criSocket: boundedString(1, 512).describe('CRI socket the kubelet talks to.').optional(),
    taints: list(taintSchema, 100).describe('Taints of the Node.').optional(),
    kubeletExtraArgs: stringMap().describe('Extra flags of the kubelet.').optional(),
    ignorePreflightErrors: list(boundedString(1, 512), 50).describe('Preflight errors kubeadm ignores.').optional(),
    imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).describe('Pull policy of the images.').optional(),
    imagePullSerial: z.boolean().describe('Pulls the images one at a time.').optional(),
  })
  .describe('How the node registers itself.');

const patches = z
  .object({ directory: boundedString(1, 512).describe('Directory holding the patch files.').optional() })
  .describe('Patches kubeadm applies.');

/** `spec.clusterConfiguration` (v1beta1). */
export const clusterConfigurationV1beta1Schema = z
  .object({
    ...TYPE_META,
    etcd: z
      .object({
        local: z
          .object({
            imageRepository: boundedString(1, 512).describe('Registry of the etcd image.').optional(),
            imageTag: boundedString(1, 256).describe('Tag of the etcd image.').optional(),
            dataDir: boundedString(1, 512).describe('Directory etcd stores its data in.').optional(),
            extraArgs: stringMap().describe('Extra flags of etcd.').optional(),
            extraEnvs: list(envVarSchema, 100).describe('Extra environment variables of etcd.').optional(),
            serverCertSANs: list(boundedString(1, 253), 100).describe('Extra serving certificate SANs.').optional(),
            peerCertSANs: list(boundedString(1, 253), 100).describe('Extra peer certificate SANs.').optional(),
          })
          .describe('A local etcd instance run by kubeadm.')
          .optional(),
        external: z
          .object({
            endpoints: list(boundedString(1, 512), 50).describe('Endpoints of the etcd members.'),
            caFile: boundedString(1, 512).describe('Path of the CA certificate.'),
            certFile: boundedString(1, 512).describe('Path of the client certificate.'),
            keyFile: boundedString(1, 512).describe('Path of the client key.'),
          })
          .describe('An external etcd cluster.')
          .optional(),
      })
      .describe('Where etcd runs.')
      .optional(),
    networking: z
      .object({
        serviceSubnet: boundedString(1, 1024).describe('Service subnet; from the Cluster when empty.').optional(),
        podSubnet: boundedString(1, 1024).describe('Pod subnet; from the Cluster when empty.').optional(),
        dnsDomain: boundedString(1, 253).describe('DNS domain; from the Cluster when empty.').optional(),
      })
      .describe('Cluster networking; derived from the Cluster.')
      .optional(),
    kubernetesVersion: boundedString(1, 256).describe('Kubernetes version; from the Machine.').optional(),
    controlPlaneEndpoint: boundedString(1, 512).describe('Stable address of the control plane.').optional(),
    apiServer: z
      .object({
        ...component(),
        certSANs: list(boundedString(1, 253), 100).describe('Extra serving certificate SANs.').optional(),
        timeoutForControlPlane: z.string().describe('Go duration to wait for the control plane.').optional(),
      })
      .describe('Settings of the API server.')
      .optional(),
    controllerManager: z.object(component()).describe('Settings of the controller manager.').optional(),
    scheduler: z.object(component()).describe('Settings of the scheduler.').optional(),
    dns: z
      .object({
        imageRepository: boundedString(1, 512).describe('Registry of the CoreDNS image.').optional(),
        imageTag: boundedString(1, 256).describe('Tag of the CoreDNS image.').optional(),
      })
      .describe('Settings of the cluster DNS add-on.')
      .optional(),
    certificatesDir: boundedString(1, 512).describe('Directory of the certificates on the node.').optional(),
    imageRepository: boundedString(1, 512).describe('Registry of the control-plane images.').optional(),
    featureGates: z.record(z.string(), z.boolean()).describe('kubeadm feature gates.').optional(),
    clusterName: boundedString(1, 63).describe('Name of the cluster; from the Cluster.').optional(),
    certificateValidityPeriodDays: z.int32().min(1).max(1095).describe('Validity of signed certificates.').optional(),
    caCertificateValidityPeriodDays: z.int32().min(1).max(36500).describe('Validity of generated CAs.').optional(),
    encryptionAlgorithm: z
      .enum(['ECDSA-P256', 'ECDSA-P384', 'RSA-2048', 'RSA-3072', 'RSA-4096'])
      .describe('Key algorithm of generated keys.')
      .optional(),
  })
  .describe('kubeadm ClusterConfiguration.');

/** `spec.initConfiguration` (v1beta1). */
export const initConfigurationV1beta1Schema = z
  .object({
    ...TYPE_META,
    bootstrapTokens: list(
      z
        .object({
          token: z.string().describe('The token, "[a-z0-9]{6}.[a-z0-9]{16}".'),
          description: boundedString(1, 512).describe('Why the token exists.').optional(),
          ttl: z.string().describe('Go duration the token lives.').optional(),
          expires: z.iso.datetime({ offset: true }).describe('When the token expires.').optional(),
          usages: list(boundedString(1, 256), 100).describe('How the token may be used.').optional(),
          groups: list(boundedString(1, 256), 100).describe('Extra groups of the token.').optional(),
        })
        .describe('A kubeadm bootstrap token.'),
      100,
    )
      .describe('Bootstrap tokens created at init.')
      .optional(),
    nodeRegistration: nodeRegistration.optional(),
    localAPIEndpoint: endpoint.optional(),
    skipPhases: list(boundedString(1, 256), 50).describe('kubeadm init phases to skip.').optional(),
    patches: patches.optional(),
  })
  .describe('kubeadm InitConfiguration.');

/** `spec.joinConfiguration` (v1beta1). */
export const joinConfigurationV1beta1Schema = z
  .object({
    ...TYPE_META,
    nodeRegistration: nodeRegistration.optional(),
    caCertPath: boundedString(1, 512).describe('Path of the cluster CA certificate on the node.').optional(),
    discovery: z
      .object({
        bootstrapToken: z
          .object({
            token: boundedString(1, 512).describe('Token used for discovery.').optional(),
            apiServerEndpoint: boundedString(1, 512).describe('API server to discover from.').optional(),
            caCertHashes: list(boundedString(1, 512), 100).describe('Hashes of the CA public key.').optional(),
            unsafeSkipCAVerification: z.boolean().describe('Joins without pinning the CA.').optional(),
          })
          .describe('Discovery with a bootstrap token.')
          .optional(),
        file: z
          .object({
            kubeConfigPath: boundedString(1, 512).describe('Path or URL of the kubeconfig file.'),
            kubeConfig: fileDiscoveryKubeConfigV1beta1().optional(),
          })
          .describe('Discovery with a kubeconfig file.')
          .optional(),
        tlsBootstrapToken: boundedString(1, 512).describe('Token for the kubelet TLS bootstrap.').optional(),
        timeout: z.string().describe('Go duration of the discovery.').optional(),
      })
      .describe('How the node discovers the cluster.')
      .optional(),
    controlPlane: z
      .object({ localAPIEndpoint: endpoint.optional() })
      .describe('Set when the node joins as a control-plane node.')
      .optional(),
    skipPhases: list(boundedString(1, 256), 50).describe('kubeadm join phases to skip.').optional(),
    patches: patches.optional(),
  })
  .describe('kubeadm JoinConfiguration.');

/** The v1beta1 discovery kubeconfig: the v1beta2 one without its `minProperties` and list types. */
function fileDiscoveryKubeConfigV1beta1() {
  const cluster = fileDiscoveryKubeConfigSchema.shape.cluster.unwrap();
  const user = fileDiscoveryKubeConfigSchema.shape.user;
  const exec = user.shape.exec.unwrap();
  return z
    .object({
      cluster: z.object(cluster.shape).describe('The cluster of the kubeconfig.').optional(),
      user: z
        .object({
          authProvider: user.shape.authProvider,
          exec: z
            .object({
              ...exec.shape,
              args: list(boundedString(1, 512), 100).describe('Arguments of the command.').optional(),
              env: list(exec.shape.env.unwrap().element, 100).describe('Extra environment variables.').optional(),
            })
            .describe('A credential plugin.')
            .optional(),
        })
        .describe('How the kubeconfig authenticates.'),
    })
    .describe('A kubeconfig for file discovery.');
}

const user = z
  .object({
    name: boundedString(1, 256).describe('Login name.'),
    gecos: boundedString(1, 256).describe('GECOS comment.').optional(),
    groups: boundedString(1, 256).describe('Extra groups, comma-separated.').optional(),
    homeDir: boundedString(1, 256).describe('Home directory.').optional(),
    inactive: z.boolean().describe('Creates the user inactive.').optional(),
    shell: boundedString(1, 256).describe('Login shell.').optional(),
    passwd: boundedString(1, 256).describe('Password hash.').optional(),
    passwdFrom: z
      .object({ secret: secretKeyReferenceSchema })
      .describe('Where the password hash comes from.')
      .optional(),
    primaryGroup: boundedString(1, 256).describe('Primary group.').optional(),
    lockPassword: z.boolean().describe('Disables password login.').optional(),
    sudo: boundedString(1, 256).describe('sudoers rule.').optional(),
    sshAuthorizedKeys: list(boundedString(1, 2048), 100).describe('Authorized SSH public keys.').optional(),
  })
  .describe('A user of the node.');

const partition = z
  .object({
    device: boundedString(1, 256).describe('Device to partition.'),
    layout: z.boolean().describe('true: one partition over the whole disk.'),
    diskLayout: z
      .array(
        z
          .object({
            percentage: z.int32().min(1).max(100).describe('Share of the disk in percent.'),
            partitionType: celRule(
              boundedString(1, 36),
              "self.matches('^(Linux|LinuxSwap|LinuxRAID|LVM|Fat32|NTFS|LinuxExtended|[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12})$')",
              'partitionType must be one of Linux, LinuxSwap, LinuxRAID, LVM, Fat32, NTFS, LinuxExtended or a full GPT partition GUID',
            )
              .describe('Partition type name or GPT partition type GUID.')
              .optional(),
          })
          .describe('A partition of a disk layout.'),
      )
      .min(1)
      .max(100)
      .describe('Partitions of the disk.')
      .optional(),
    overwrite: z.boolean().describe('Partitions even if the disk has a partition table.').optional(),
    tableType: z.enum(['mbr', 'gpt']).describe('Partition table type.').optional(),
  })
  .describe('How a disk is partitioned.');

const filesystem = z
  .object({
    device: boundedString(1, 256).describe('Device holding the filesystem.'),
    filesystem: boundedString(1, 128).describe('Filesystem type.'),
    label: boundedString(1, 512).describe('Filesystem label.').optional(),
    partition: boundedString(1, 128).describe('Partition.').optional(),
    overwrite: z.boolean().describe('Recreates the filesystem if one exists.').optional(),
    replaceFS: boundedString(1, 128).describe('Filesystem type to replace.').optional(),
    extraOpts: list(boundedString(1, 256), 100).describe('Extra options of mkfs.').optional(),
  })
  .describe('A filesystem.');

/** The spec of a KubeadmConfig (v1beta1). */
export const kubeadmConfigSpecV1beta1Schema = z
  .object({
    clusterConfiguration: clusterConfigurationV1beta1Schema.optional(),
    initConfiguration: initConfigurationV1beta1Schema.optional(),
    joinConfiguration: joinConfigurationV1beta1Schema.optional(),
    files: list(fileSchema, 200).describe('Files written to the node.').optional(),
    diskSetup: z
      .object({
        partitions: list(partition, 100).describe('Disks to partition.').optional(),
        filesystems: list(filesystem, 100).describe('Filesystems to create.').optional(),
      })
      .describe('Disk partitions and filesystems.')
      .optional(),
    mounts: list(z.array(boundedString(1, 512)), 100)
      .describe('Mounts as in /etc/fstab.')
      .optional(),
    bootCommands: list(boundedString(1, 10240), 1000).describe('Commands run very early in boot.').optional(),
    preKubeadmCommands: list(boundedString(1, 10240), 1000).describe('Commands run before kubeadm.').optional(),
    postKubeadmCommands: list(boundedString(1, 10240), 1000).describe('Commands run after kubeadm.').optional(),
    users: list(user, 100).describe('Users created on the node.').optional(),
    ntp: z
      .object({
        servers: list(boundedString(1, 512), 100).describe('NTP servers.').optional(),
        enabled: z.boolean().describe('Enables NTP.').optional(),
      })
      .describe('NTP settings.')
      .optional(),
    format: z.enum(BOOTSTRAP_FORMATS).describe('Format of the bootstrap data.').optional(),
    verbosity: z.int32().describe('kubeadm log verbosity (--v).').optional(),
    useExperimentalRetryJoin: z.boolean().describe('Retries kubeadm join (removed in v1beta2).').optional(),
    ignition: z
      .object({
        containerLinuxConfig: z
          .object({
            additionalConfig: boundedString(1, 32768).describe('Extra Container Linux Config.').optional(),
            strict: z.boolean().describe('Fails on warnings of the Container Linux Config.').optional(),
          })
          .describe('Container Linux Config options.')
          .optional(),
      })
      .describe('Options of the Ignition output.')
      .optional(),
  })
  .describe('The desired state of a KubeadmConfig.');

/** The spec of a KubeadmConfig (v1beta1). */
export type KubeadmConfigSpecV1beta1 = z.output<typeof kubeadmConfigSpecV1beta1Schema>;
