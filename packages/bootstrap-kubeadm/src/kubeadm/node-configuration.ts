import type { InitConfiguration, JoinConfiguration, NodeRegistration } from '../api/v1beta2/index.js';
import type { KubeadmApiVersion } from './api-version.js';
import { goDuration } from './duration.js';
import type { YamlValue } from './go-yaml.js';
import { args, compact, nonEmptyList } from './shared.js';

type Timeouts = NonNullable<InitConfiguration['timeouts']>;
type Endpoint = NonNullable<InitConfiguration['localAPIEndpoint']>;

const seconds = (value: number | undefined): string | undefined =>
  value === undefined ? undefined : goDuration(value);

function nodeRegistration(spec: NodeRegistration | undefined, v1beta4: boolean): { [key: string]: YamlValue } {
  return compact({
    name: spec?.name,
    criSocket: spec?.criSocket,
    // Not omitempty in kubeadm: unset is `null` (kubeadm adds its default taint), `[]` means no taints.
    taints: spec?.taints
      ? spec.taints.map((t) => compact({ key: t.key, value: t.value, effect: t.effect, timeAdded: t.timeAdded }))
      : null,
    kubeletExtraArgs: args(spec?.kubeletExtraArgs, v1beta4),
    ignorePreflightErrors: nonEmptyList(spec?.ignorePreflightErrors),
    imagePullPolicy: spec?.imagePullPolicy,
    imagePullSerial: v1beta4 ? spec?.imagePullSerial : undefined,
  });
}

const endpoint = (spec: Endpoint | undefined): { [key: string]: YamlValue } =>
  compact({ advertiseAddress: spec?.advertiseAddress, bindPort: spec?.bindPort });

function timeouts(spec: Timeouts | undefined): { [key: string]: YamlValue } | undefined {
  if (!spec) return undefined;
  return compact({
    controlPlaneComponentHealthCheck: seconds(spec.controlPlaneComponentHealthCheckSeconds),
    kubeletHealthCheck: seconds(spec.kubeletHealthCheckSeconds),
    kubernetesAPICall: seconds(spec.kubernetesAPICallSeconds),
    etcdAPICall: seconds(spec.etcdAPICallSeconds),
    tlsBootstrap: seconds(spec.tlsBootstrapSeconds),
    discovery: seconds(spec.discoverySeconds),
  });
}

/** kubeadm's InitConfiguration document for `apiVersion`. */
export function initConfigurationDocument(
  spec: InitConfiguration | undefined,
  apiVersion: KubeadmApiVersion,
): { [key: string]: YamlValue } {
  const v1beta4 = apiVersion === 'kubeadm.k8s.io/v1beta4';
  return compact({
    apiVersion,
    kind: 'InitConfiguration',
    bootstrapTokens: nonEmptyList(
      spec?.bootstrapTokens?.map((t) =>
        compact({
          token: t.token,
          description: t.description,
          ttl: seconds(t.ttlSeconds),
          expires: t.expires,
          usages: nonEmptyList(t.usages),
          groups: nonEmptyList(t.groups),
        }),
      ),
    ),
    nodeRegistration: nodeRegistration(spec?.nodeRegistration, v1beta4),
    localAPIEndpoint: endpoint(spec?.localAPIEndpoint),
    skipPhases: nonEmptyList(spec?.skipPhases),
    patches: spec?.patches ? compact({ directory: spec.patches.directory }) : undefined,
    timeouts: v1beta4 ? timeouts(spec?.timeouts) : undefined,
  });
}

/** kubeadm's JoinConfiguration document for `apiVersion`. */
export function joinConfigurationDocument(
  spec: JoinConfiguration | undefined,
  apiVersion: KubeadmApiVersion,
): { [key: string]: YamlValue } {
  const v1beta4 = apiVersion === 'kubeadm.k8s.io/v1beta4';
  const discovery = spec?.discovery;
  const token = discovery?.bootstrapToken;
  return compact({
    apiVersion,
    kind: 'JoinConfiguration',
    nodeRegistration: nodeRegistration(spec?.nodeRegistration, v1beta4),
    caCertPath: spec?.caCertPath,
    discovery: compact({
      bootstrapToken: token
        ? compact({
            token: token.token ?? '',
            apiServerEndpoint: token.apiServerEndpoint,
            caCertHashes: nonEmptyList(token.caCertHashes),
            unsafeSkipCAVerification: token.unsafeSkipCAVerification || undefined,
          })
        : undefined,
      file: discovery?.file ? { kubeConfigPath: discovery.file.kubeConfigPath } : undefined,
      tlsBootstrapToken: discovery?.tlsBootstrapToken,
      // v1beta3 has one discovery timeout; Cluster API maps it to and from `timeouts.tlsBootstrapSeconds`.
      timeout: v1beta4 ? undefined : seconds(spec?.timeouts?.tlsBootstrapSeconds),
    }),
    controlPlane: spec?.controlPlane ? { localAPIEndpoint: endpoint(spec.controlPlane.localAPIEndpoint) } : undefined,
    skipPhases: nonEmptyList(spec?.skipPhases),
    patches: spec?.patches ? compact({ directory: spec.patches.directory }) : undefined,
    timeouts: v1beta4 ? timeouts(spec?.timeouts) : undefined,
  });
}
