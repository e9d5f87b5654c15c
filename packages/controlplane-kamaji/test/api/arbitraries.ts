import fc from 'fast-check';

// fast-check generators of KamajiControlPlane content, for conversion round trips. They cover every field the
// conversion treats specially and a sample of the fields it carries over unchanged.

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const int32 = fc.integer({ min: 0, max: 1000 });
const labels = fc.dictionary(name, name, { maxKeys: 2 });

const probes = fc.record(
  { liveness: fc.record({ periodSeconds: fc.integer({ min: 1, max: 60 }) }), startup: fc.record({}) },
  { requiredKeys: [] },
);
const component = fc.record(
  {
    extraArgs: fc.array(name, { maxLength: 2 }),
    containerImageName: name,
    probes,
    resources: fc.record({ limits: fc.dictionary(fc.constantFrom('cpu', 'memory'), fc.constantFrom('1', '500m')) }),
  },
  { requiredKeys: [] },
);
const gatewayV1alpha1 = { name, namespace: name, hostname: name, extraLabels: labels };

function fields(version: 'v1alpha1' | 'v1alpha2') {
  const serverExtra =
    version === 'v1alpha2' ? { securityContext: fc.record({ runAsNonRoot: fc.boolean() }, { requiredKeys: [] }) } : {};
  const gateway =
    version === 'v1alpha2'
      ? fc.record(
          { ...gatewayV1alpha1, sectionName: name, port: fc.integer({ min: 1, max: 65535 }) },
          { requiredKeys: ['name', 'namespace', 'hostname'] },
        )
      : fc.record(gatewayV1alpha1, { requiredKeys: ['name', 'namespace', 'hostname'] });
  const networkExtra =
    version === 'v1alpha2'
      ? {
          additionalServicePorts: fc.array(
            fc.record({
              name,
              protocol: fc.constantFrom('TCP', 'UDP'),
              port: fc.integer({ min: 1, max: 65535 }),
              targetPort: fc.oneof(fc.integer({ min: 1, max: 65535 }), name),
            }),
            { maxLength: 2 },
          ),
        }
      : {};
  return {
    dataStoreName: name,
    dataStoreUsername: name,
    dataStoreOverrides: fc.array(fc.record({ resource: name, dataStore: name }), { maxLength: 2 }),
    registry: fc.constantFrom('registry.k8s.io', 'mirror.example.com'),
    admissionControllers: fc.subarray(['NodeRestriction', 'PodSecurity', 'LimitRanger']),
    apiServer: component,
    scheduler: component,
    kine: fc.record({ extraArgs: fc.array(name, { maxLength: 2 }) }),
    kubelet: fc.record({
      preferredAddressTypes: fc.subarray(['InternalIP', 'ExternalIP', 'Hostname'], { minLength: 1 }),
      cgroupfs: fc.constantFrom('systemd', 'cgroupfs'),
    }),
    addons: fc.record(
      {
        coreDNS: fc.record(
          { imageTag: name, dnsServiceIPs: fc.array(fc.ipV4(), { maxLength: 2 }) },
          { requiredKeys: [] },
        ),
        kubeProxy: fc.record({ imageRepository: name }, { requiredKeys: [] }),
        konnectivity: fc.record({
          server: fc.record({ port: int32, image: name, ...serverExtra }, { requiredKeys: ['port', 'image'] }),
          agent: fc.record({ image: name, mode: fc.constantFrom('DaemonSet'), hostNetwork: fc.boolean() }),
        }),
      },
      { requiredKeys: [] },
    ),
    network: fc.record(
      {
        serviceType: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
        serviceAddress: fc.ipV4(),
        certSANs: fc.array(name, { maxLength: 2 }),
        serviceLabels: labels,
        ingress: fc.record({ hostname: name, className: name }, { requiredKeys: ['hostname'] }),
        gateway,
        ...networkExtra,
      },
      { requiredKeys: ['serviceType'] },
    ),
    deployment: fc.record(
      {
        nodeSelector: labels,
        tolerations: fc.array(fc.record({ key: name, operator: fc.constantFrom('Exists', 'Equal') }), { maxLength: 2 }),
        externalClusterReference: fc.record({
          kubeconfigSecretName: name,
          kubeconfigSecretKey: name,
          deploymentNamespace: name,
        }),
      },
      { requiredKeys: [] },
    ),
  };
}

const conditions = fc.array(
  fc.record({
    type: fc.constantFrom('Ready', 'Available', 'TenantControlPlaneCreated'),
    status: fc.constantFrom('True', 'False', 'Unknown'),
    reason: fc.constantFrom('Succeeded', 'Pending'),
    message: fc.string({ maxLength: 10 }),
    lastTransitionTime: fc.constant('2026-01-02T03:04:05Z'),
  }),
  { maxLength: 2 },
);

const metadata = fc.record(
  { name, namespace: fc.constant('default'), labels, annotations: labels },
  { requiredKeys: ['name', 'namespace'] },
);

/** v1alpha2 KamajiControlPlanes, including fields v1alpha1 lacks and partly filled status. */
export const hubControlPlane = fc.record(
  {
    metadata,
    spec: fc.record(
      {
        ...fields('v1alpha2'),
        version: fc.constantFrom('v1.33.0', '1.34.1'),
        replicas: int32,
        controlPlaneEndpoint: fc
          .record({ host: name, port: fc.integer({ min: 1, max: 65535 }) }, { requiredKeys: [] })
          .filter((e) => Object.keys(e).length > 0),
      },
      { requiredKeys: ['version'] },
    ),
    status: fc.record(
      {
        initialization: fc.record({ controlPlaneInitialized: fc.boolean() }, { requiredKeys: [] }),
        ready: fc.boolean(),
        readyReplicas: int32,
        replicas: int32,
        availableReplicas: int32,
        upToDateReplicas: int32,
        selector: name,
        externalManagedControlPlane: fc.boolean(),
        failureReason: name,
        version: name,
        conditions,
      },
      { requiredKeys: ['ready', 'version', 'externalManagedControlPlane'] },
    ),
  },
  { requiredKeys: ['metadata', 'spec'] },
);

/** Valid v1alpha1 KamajiControlPlanes, as upstream ≤ v0.19 wrote them (every status counter present). */
export const spokeControlPlane = fc.record(
  {
    metadata,
    spec: fc.record(
      {
        ...fields('v1alpha1'),
        version: fc.constantFrom('v1.33.0', '1.34.1'),
        replicas: int32,
        controlPlaneEndpoint: fc.record({ host: name, port: fc.integer({ min: 1, max: 65535 }) }),
      },
      { requiredKeys: ['version'] },
    ),
    status: fc.record(
      {
        initialized: fc.boolean(),
        ready: fc.boolean(),
        readyReplicas: int32,
        replicas: int32,
        selector: fc.oneof(fc.constant(''), name),
        unavailableReplicas: int32,
        updatedReplicas: int32,
        externalManagedControlPlane: fc.boolean(),
        failureMessage: name,
        version: name,
        conditions,
      },
      {
        requiredKeys: [
          'initialized',
          'ready',
          'readyReplicas',
          'replicas',
          'selector',
          'unavailableReplicas',
          'updatedReplicas',
          'externalManagedControlPlane',
          'version',
        ],
      },
    ),
  },
  { requiredKeys: ['metadata', 'spec'] },
);

/** Template objects of either version, built from the same field generators. */
export function templateOf(version: 'v1alpha1' | 'v1alpha2') {
  return fc.record({
    metadata,
    spec: fc.record({
      template: fc.record(
        {
          metadata: fc.record({ labels, annotations: labels }, { requiredKeys: ['labels'] }),
          spec: fc.record(fields(version), { requiredKeys: [] }),
        },
        { requiredKeys: ['spec'] },
      ),
    }),
  });
}
