import { defineConversion } from '@capi-ts/sdk';
import type { KamajiControlPlaneV1alpha1 } from '../v1alpha1/kamaji-control-plane.js';
import { KamajiControlPlane } from '../v1alpha2/kamaji-control-plane.js';
import { fieldsFromHub, fieldsToHub } from './fields.js';

type HubSpec = KamajiControlPlane['spec'];
type HubStatus = NonNullable<KamajiControlPlane['status']>;
type SpokeSpec = KamajiControlPlaneV1alpha1['spec'];
type SpokeStatus = NonNullable<KamajiControlPlaneV1alpha1['status']>;
type Endpoint = NonNullable<HubSpec['controlPlaneEndpoint']>;

/** v1alpha1 endpoints are `{host, port}` Go zero values until set; v1alpha2 omits what is unset. */
function endpointToHub(endpoint: SpokeSpec['controlPlaneEndpoint']): Endpoint | undefined {
  if (!endpoint) return undefined;
  const out: Endpoint = {};
  if (endpoint.host) out.host = endpoint.host;
  if (endpoint.port) out.port = endpoint.port;
  return Object.keys(out).length > 0 ? out : undefined;
}

function endpointFromHub(endpoint: Endpoint | undefined): SpokeSpec['controlPlaneEndpoint'] {
  return endpoint ? { host: endpoint.host ?? '', port: endpoint.port ?? 0 } : undefined;
}

function specToHub(spec: SpokeSpec): HubSpec {
  const { controlPlaneEndpoint, ...fields } = spec;
  const endpoint = endpointToHub(controlPlaneEndpoint);
  return { ...fieldsToHub(fields), ...(endpoint ? { controlPlaneEndpoint: endpoint } : {}) };
}

function specFromHub(spec: HubSpec): SpokeSpec {
  const { controlPlaneEndpoint, ...fields } = spec;
  const endpoint = endpointFromHub(controlPlaneEndpoint);
  return { ...fieldsFromHub(fields), ...(endpoint ? { controlPlaneEndpoint: endpoint } : {}) } as SpokeSpec;
}

/**
 * v1alpha1 status → v1alpha2: `initialized` becomes `initialization.controlPlaneInitialized`, `updatedReplicas`
 * becomes `upToDateReplicas`, and `unavailableReplicas` becomes `availableReplicas = replicas − unavailable`.
 */
function statusToHub(status: SpokeStatus): HubStatus {
  const { initialized, updatedReplicas, unavailableReplicas, ...rest } = status;
  return {
    ...rest,
    initialization: { controlPlaneInitialized: initialized },
    upToDateReplicas: updatedReplicas,
    availableReplicas: rest.replicas - unavailableReplicas,
  };
}

/** v1alpha2 status → v1alpha1; v1alpha1 requires every counter, so unset ones become 0 (as Go wrote them). */
function statusFromHub(status: HubStatus): SpokeStatus {
  const { initialization, upToDateReplicas, availableReplicas, ...rest } = status;
  const replicas = rest.replicas ?? 0;
  return {
    ...rest,
    initialized: initialization?.controlPlaneInitialized ?? false,
    readyReplicas: rest.readyReplicas ?? 0,
    replicas,
    selector: rest.selector ?? '',
    updatedReplicas: upToDateReplicas ?? 0,
    unavailableReplicas: replicas - (availableReplicas ?? replicas),
  };
}

/** KamajiControlPlane conversion: v1alpha2 is the hub, v1alpha1 a spoke. */
export const kamajiControlPlaneConversion = defineConversion<KamajiControlPlane>({
  hub: { apiVersion: KamajiControlPlane.apiVersion, kind: 'KamajiControlPlane' },
  spokes: [
    {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1alpha1',
      toHub: (kcp: KamajiControlPlaneV1alpha1): KamajiControlPlane => {
        const { spec, status, ...rest } = kcp;
        return { ...rest, spec: specToHub(spec), ...(status ? { status: statusToHub(status) } : {}) };
      },
      fromHub: (kcp: KamajiControlPlane): KamajiControlPlaneV1alpha1 => {
        const { spec, status, ...rest } = kcp;
        return { ...rest, spec: specFromHub(spec), ...(status ? { status: statusFromHub(status) } : {}) };
      },
    },
  ],
});
