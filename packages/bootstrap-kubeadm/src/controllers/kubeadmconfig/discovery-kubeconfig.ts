import type { JoinConfiguration } from '../../api/v1beta2/index.js';
import type { ResolvedFile } from '../../cloudinit/index.js';
import { marshalGoYaml, type YamlValue } from '../../kubeadm/index.js';
import { compact } from '../../kubeadm/shared.js';

type FileDiscovery = NonNullable<NonNullable<JoinConfiguration['discovery']>['file']>;

/** What file discovery's kubeconfig is completed with when the config leaves it empty. */
export interface FileDiscoveryDefaults {
  /** `Cluster.spec.controlPlaneEndpoint` as `host:port`. */
  apiServerEndpoint: string | undefined;
  /** The cluster CA certificate (PEM). */
  caCertificate: string | undefined;
}

function user(spec: NonNullable<FileDiscovery['kubeConfig']>['user']): { [key: string]: YamlValue } {
  if (spec.authProvider) {
    return { authProvider: compact({ name: spec.authProvider.name, config: spec.authProvider.config }) };
  }
  const exec = spec.exec;
  if (!exec) return {};
  return {
    exec: compact({
      apiVersion: exec.apiVersion ?? 'client.authentication.k8s.io/v1',
      command: exec.command,
      args: exec.args,
      env: exec.env?.map((e) => ({ name: e.name, value: e.value })) ?? null,
      provideClusterInfo: exec.provideClusterInfo ?? false,
      interactiveMode: 'Never',
    }),
  };
}

/**
 * The kubeconfig file CABPK writes for `discovery.file.kubeConfig` (at `kubeConfigPath`, `0640`, root): cluster,
 * context and user all named `default`, the server defaulting to `https://<Cluster endpoint>` and the CA data to
 * the cluster CA, exec plugins with `apiVersion` `client.authentication.k8s.io/v1` and `interactiveMode: Never`.
 * `undefined` when the config brings its own file (no `kubeConfig`).
 */
export function fileDiscoveryKubeconfig(
  file: FileDiscovery | undefined,
  defaults: FileDiscoveryDefaults,
): ResolvedFile | undefined {
  const spec = file?.kubeConfig;
  if (!file || !spec) return undefined;
  const server =
    spec.cluster?.server ?? (defaults.apiServerEndpoint ? `https://${defaults.apiServerEndpoint}` : undefined);
  const caData =
    spec.cluster?.certificateAuthorityData ??
    (defaults.caCertificate ? Buffer.from(defaults.caCertificate).toString('base64') : undefined);
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'default',
        cluster: compact({
          server,
          'tls-server-name': spec.cluster?.tlsServerName,
          'insecure-skip-tls-verify': spec.cluster?.insecureSkipTLSVerify,
          'certificate-authority-data': caData,
          'proxy-url': spec.cluster?.proxyURL,
        }),
      },
    ],
    contexts: [{ name: 'default', context: { cluster: 'default', user: 'default' } }],
    'current-context': 'default',
    preferences: {},
    users: [{ name: 'default', user: user(spec.user) }],
  };
  return { path: file.kubeConfigPath, owner: 'root:root', permissions: '0640', content: marshalGoYaml(kubeconfig) };
}
