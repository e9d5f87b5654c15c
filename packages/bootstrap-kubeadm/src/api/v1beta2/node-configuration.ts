import { z } from 'zod';
import { argList, boundedList, boundedString, nonEmpty, taintSchema } from './fields.js';

// The parts of kubeadm's InitConfiguration and JoinConfiguration a KubeadmConfig carries.

/** `nodeRegistration`: how the node registers itself with the cluster. */
export const nodeRegistrationSchema = nonEmpty(
  z
    .object({
      name: boundedString(1, 253).describe('Name of the Node object; the hostname when empty.').optional(),
      criSocket: boundedString(1, 512).describe('CRI socket the kubelet talks to.').optional(),
      taints: z
        .array(taintSchema)
        .min(0)
        .max(100)
        .describe('Taints of the Node; an empty list means no taints (kubeadm adds its own when unset).')
        .optional(),
      kubeletExtraArgs: argList('kubeletExtraArgs').describe('Extra flags of the kubelet.').optional(),
      ignorePreflightErrors: boundedList(boundedString(1, 512), 1, 50)
        .describe('Preflight errors kubeadm ignores.')
        .optional(),
      imagePullPolicy: z
        .enum(['Always', 'IfNotPresent', 'Never'])
        .describe('Pull policy of the images kubeadm pulls.')
        .optional(),
      imagePullSerial: z.boolean().describe('Pulls the images one at a time.').optional(),
    })
    .describe('How the node registers itself.'),
);

/** `localAPIEndpoint`: the API server endpoint of a control-plane node. */
export const apiEndpointSchema = nonEmpty(
  z
    .object({
      advertiseAddress: boundedString(1, 39).describe('IP address the API server advertises.').optional(),
      bindPort: z.int32().min(1).describe('Port the API server binds to.').optional(),
    })
    .describe('The API server endpoint of this node.'),
);

/** `patches`: kubeadm patches applied to the components it deploys. */
export const patchesSchema = nonEmpty(
  z
    .object({ directory: boundedString(1, 512).describe('Directory holding the patch files.').optional() })
    .describe('Patches kubeadm applies.'),
);

/** `timeouts`: kubeadm's operation timeouts in seconds. */
export const timeoutsSchema = nonEmpty(
  z
    .object({
      controlPlaneComponentHealthCheckSeconds: z
        .int32()
        .min(0)
        .describe('Wait for the control-plane components to become healthy.')
        .optional(),
      kubeletHealthCheckSeconds: z.int32().min(0).describe('Wait for the kubelet to become healthy.').optional(),
      kubernetesAPICallSeconds: z.int32().min(0).describe('Timeout of API calls.').optional(),
      etcdAPICallSeconds: z.int32().min(0).describe('Timeout of etcd calls.').optional(),
      tlsBootstrapSeconds: z.int32().min(0).describe('Wait for the kubelet TLS bootstrap.').optional(),
      discoverySeconds: z.int32().min(0).describe('Wait for cluster discovery.').optional(),
    })
    .describe('kubeadm timeouts in seconds.'),
);

/** A bootstrap token kubeadm creates when it initialises the cluster. */
export const bootstrapTokenSchema = z
  .object({
    token: boundedString(1, 23).describe('The token, "[a-z0-9]{6}.[a-z0-9]{16}".'),
    description: boundedString(1, 512).describe('Why the token exists.').optional(),
    ttlSeconds: z.int32().min(0).describe('Lifetime of the token in seconds.').optional(),
    expires: z.iso.datetime({ offset: true }).describe('When the token expires; excludes ttlSeconds.').optional(),
    usages: boundedList(boundedString(1, 256), 1, 100).describe('How the token may be used.').optional(),
    groups: boundedList(boundedString(1, 256), 1, 100).describe('Extra groups the token authenticates as.').optional(),
  })
  .describe('A kubeadm bootstrap token.');

/** `spec.initConfiguration`: kubeadm's InitConfiguration. */
export const initConfigurationSchema = nonEmpty(
  z
    .object({
      bootstrapTokens: boundedList(bootstrapTokenSchema, 1, 100)
        .describe('Bootstrap tokens created at init.')
        .optional(),
      nodeRegistration: nodeRegistrationSchema.optional(),
      localAPIEndpoint: apiEndpointSchema.optional(),
      skipPhases: boundedList(boundedString(1, 256), 1, 50).describe('kubeadm init phases to skip.').optional(),
      patches: patchesSchema.optional(),
      timeouts: timeoutsSchema.optional(),
    })
    .describe('kubeadm InitConfiguration: settings of the node that initialises the cluster.'),
);

const execEnvVarSchema = z
  .object({
    name: boundedString(1, 512).describe('Name of the variable.'),
    value: boundedString(1, 512).describe('Value of the variable.'),
  })
  .describe('An environment variable of the credential plugin.');

/** `discovery.file.kubeConfig`: the kubeconfig CABPK writes to `kubeConfigPath` for file discovery. */
export const fileDiscoveryKubeConfigSchema = z
  .object({
    cluster: nonEmpty(
      z
        .object({
          server: boundedString(1, 512)
            .describe('Address of the API server; the Cluster endpoint when empty.')
            .optional(),
          tlsServerName: boundedString(1, 512).describe('Server name for TLS verification.').optional(),
          insecureSkipTLSVerify: z.boolean().describe('Skips TLS verification of the server.').optional(),
          certificateAuthorityData: z
            .base64()
            .min(1)
            .max(51200)
            .describe('PEM CA certificates; the cluster CA when empty.')
            .optional(),
          proxyURL: boundedString(1, 512).describe('Proxy for requests to this cluster.').optional(),
        })
        .describe('The cluster of the kubeconfig.'),
    ).optional(),
    user: nonEmpty(
      z
        .object({
          authProvider: z
            .object({
              name: boundedString(1, 256).describe('Name of the authentication plugin.'),
              config: z.record(z.string(), z.string()).describe('Configuration of the plugin.').optional(),
            })
            .describe('An authentication provider plugin.')
            .optional(),
          exec: z
            .object({
              command: boundedString(1, 1024).describe('Command to execute.'),
              args: boundedList(boundedString(1, 512), 1, 100).describe('Arguments of the command.').optional(),
              env: boundedList(execEnvVarSchema, 1, 100).describe('Extra environment variables.').optional(),
              apiVersion: boundedString(1, 512)
                .describe('ExecInfo API version; client.authentication.k8s.io/v1 when empty.')
                .optional(),
              provideClusterInfo: z.boolean().describe('Passes cluster information to the plugin.').optional(),
            })
            .describe('A credential plugin.')
            .optional(),
        })
        .describe('How the kubeconfig authenticates; exactly one of authProvider and exec.'),
    ),
  })
  .describe('A kubeconfig for file discovery.');

/** `joinConfiguration.discovery`: how a joining node finds and trusts the cluster. */
export const discoverySchema = nonEmpty(
  z
    .object({
      bootstrapToken: nonEmpty(
        z
          .object({
            token: boundedString(1, 512).describe('Token used for discovery; generated when empty.').optional(),
            apiServerEndpoint: boundedString(1, 512)
              .describe('API server to discover from; the Cluster endpoint when empty.')
              .optional(),
            caCertHashes: boundedList(boundedString(1, 512), 1, 100)
              .describe('Hashes of the CA public key ("sha256:<hex>"); the cluster CA hash when empty.')
              .optional(),
            unsafeSkipCAVerification: z.boolean().describe('Joins without pinning the CA.').optional(),
          })
          .describe('Discovery with a bootstrap token.'),
      ).optional(),
      file: z
        .object({
          kubeConfigPath: boundedString(1, 512).describe('Path or URL of the kubeconfig file.'),
          kubeConfig: fileDiscoveryKubeConfigSchema.optional(),
        })
        .describe('Discovery with a kubeconfig file.')
        .optional(),
      tlsBootstrapToken: boundedString(1, 512).describe('Token for the kubelet TLS bootstrap.').optional(),
    })
    .describe('How the node discovers the cluster.'),
);

/** `spec.joinConfiguration`: kubeadm's JoinConfiguration. */
export const joinConfigurationSchema = nonEmpty(
  z
    .object({
      nodeRegistration: nodeRegistrationSchema.optional(),
      caCertPath: boundedString(1, 512)
        .describe('Path of the cluster CA certificate on the node; /etc/kubernetes/pki/ca.crt when empty.')
        .optional(),
      discovery: discoverySchema.optional(),
      controlPlane: z
        .object({ localAPIEndpoint: apiEndpointSchema.optional() })
        .describe('Set when the node joins as a control-plane node.')
        .optional(),
      skipPhases: boundedList(boundedString(1, 256), 1, 50).describe('kubeadm join phases to skip.').optional(),
      patches: patchesSchema.optional(),
      timeouts: timeoutsSchema.optional(),
    })
    .describe('kubeadm JoinConfiguration: settings of a node that joins the cluster.'),
);

/** `spec.initConfiguration`. */
export type InitConfiguration = z.output<typeof initConfigurationSchema>;
/** `spec.joinConfiguration`. */
export type JoinConfiguration = z.output<typeof joinConfigurationSchema>;
/** A `nodeRegistration`. */
export type NodeRegistration = z.output<typeof nodeRegistrationSchema>;
