import { z } from 'zod';

// The spec of a MicroK8sConfig, field for field as CABPM's `apis/v1beta1/microk8sconfig_types.go` declares it
// (names, types, enums and defaults), so that manifests written for the Go provider apply unchanged.

const TYPE_META = {
  apiVersion: z
    .string()
    .describe('APIVersion of this embedded configuration; accepted for compatibility and otherwise ignored.')
    .optional(),
  kind: z
    .string()
    .describe('Kind of this embedded configuration; accepted for compatibility and otherwise ignored.')
    .optional(),
};

/** Ten years in seconds: the default lifetime of the join token. */
export const DEFAULT_JOIN_TOKEN_TTL_SECONDS = 315569260;

/** A file cloud-init writes before running the bootstrap commands. */
export const cloudInitWriteFileSchema = z
  .object({
    content: z.string().describe('Content of the file to create.'),
    path: z.string().describe('Path where the file should be created.'),
    permissions: z.string().describe('Permissions of the file to create, e.g. "0600".'),
    owner: z.string().describe('Owner of the file to create, e.g. "root:root".'),
  })
  .describe('A file injected by cloud-init.');

/** A file cloud-init writes (`spec.initConfiguration.extraWriteFiles[]`). */
export type CloudInitWriteFile = z.output<typeof cloudInitWriteFileSchema>;

/** `spec.clusterConfiguration`: settings shared by every node of the cluster. */
export const clusterConfigurationSchema = z
  .object({
    ...TYPE_META,
    portCompatibilityRemap: z
      .boolean()
      .default(true)
      .describe(
        'Moves the cluster agent from port 25000 to 30000 and dqlite from 19001 to 2379, ports that cloud ' +
          'security groups usually let through.',
      ),
  })
  .describe('Settings shared by every node of the cluster.');

/** `spec.initConfiguration`: how MicroK8s is installed and configured on the node. */
export const initConfigurationSchema = z
  .object({
    ...TYPE_META,
    joinTokenTTLInSecs: z
      .int()
      .min(1)
      .default(DEFAULT_JOIN_TOKEN_TTL_SECONDS)
      .meta({ format: 'int64' })
      .describe('Lifetime of the join token in seconds; 10 years by default.'),
    httpsProxy: z.string().describe('HTTPS proxy for containerd.').optional(),
    httpProxy: z.string().describe('HTTP proxy for containerd.').optional(),
    noProxy: z.string().describe('Hosts containerd reaches without a proxy.').optional(),
    addons: z.array(z.string()).describe('MicroK8s addons to enable; dns is added unless one is named dns.').optional(),
    IPinIP: z.boolean().describe('Switches Calico from VXLAN to IP-in-IP encapsulation.').optional(),
    confinement: z
      .enum(['classic', 'strict'])
      .describe('Snap confinement: classic, or strict (MicroK8s 1.25 and later).')
      .optional(),
    riskLevel: z
      .enum(['stable', 'candidate', 'beta', 'edge'])
      .default('stable')
      .describe('Risk level of the snap channel: stable, candidate, beta or edge.'),
    disableDefaultCNI: z.boolean().describe('Installs MicroK8s without its default CNI (Calico).').optional(),
    snapstoreProxyScheme: z
      .string()
      .describe('Scheme of the snap store proxy, "http" or "https" without "://"; "http" when empty.')
      .optional(),
    snapstoreProxyDomain: z.string().describe('Domain of the snap store proxy.').optional(),
    snapstoreProxyId: z.string().describe('Store ID of the snap store proxy.').optional(),
    snapstoreHTTPProxy: z.string().describe('HTTP proxy snapd uses to reach the snap store.').optional(),
    snapstoreHTTPSProxy: z.string().describe('HTTPS proxy snapd uses to reach the snap store.').optional(),
    extraWriteFiles: z
      .array(cloudInitWriteFileSchema)
      .describe('Extra files cloud-init writes on the node.')
      .optional(),
    extraKubeletArgs: z.array(z.string()).describe('Extra arguments appended to the kubelet arguments.').optional(),
    bootCommands: z.array(z.string()).describe('Commands for the cloud-init bootcmd section.').optional(),
    preRunCommands: z.array(z.string()).describe('Commands run before MicroK8s is installed.').optional(),
    postRunCommands: z.array(z.string()).describe('Commands run after MicroK8s is installed and joined.').optional(),
  })
  .describe('How MicroK8s is installed and configured on the node.');

/** `spec` of a MicroK8sConfig (also `spec.template.spec` of a MicroK8sConfigTemplate). */
export const microK8sConfigSpecSchema = z
  .object({
    clusterConfiguration: clusterConfigurationSchema.optional(),
    initConfiguration: initConfigurationSchema.optional(),
  })
  .describe('The desired state of a MicroK8sConfig.');

/** `spec.clusterConfiguration` after defaulting. */
export type ClusterConfiguration = z.output<typeof clusterConfigurationSchema>;
/** `spec.initConfiguration` after defaulting. */
export type InitConfiguration = z.output<typeof initConfigurationSchema>;
/** `spec` of a MicroK8sConfig after defaulting. */
export type MicroK8sConfigSpec = z.output<typeof microK8sConfigSpecSchema>;
