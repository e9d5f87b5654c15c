import {
  builtin,
  type Controller,
  controllerBuilder,
  createCertificateAuthority,
  encodeSecretValue,
  type InfraControllerHost,
  issueCertificate,
  type KeyPair,
  type Request,
  renderKubeconfig,
  type Secret,
} from '@capi-ts/sdk';
import { TenantControlPlane } from '../../../src/kamaji/tenant-control-plane.js';

type TcpStatus = NonNullable<TenantControlPlane['status']>;

/** Options of {@link kamajiSimulator}. */
export interface KamajiSimulatorOptions {
  /** The address Kamaji's Service gets when `networkProfile.address` is empty. Default `203.0.113.10`. */
  defaultAddress?: string;
}

/** A stand-in for Kamaji's operator, as a controller for the test's manager. See README.md. */
export interface KamajiSimulator {
  controller: Controller;
  /** Stops advancing this TenantControlPlane (as if Kamaji were slow or down). */
  hold(key: Request): void;
  /** Advances it again; the next event on the object (e.g. an annotation the test writes) resumes it. */
  release(key: Request): void;
}

const keyOf = (key: Request) => `${key.namespace}/${key.name}`;

function secretOf(tcp: Readonly<TenantControlPlane>, suffix: string, data: Record<string, string>): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `${tcp.metadata.name}-${suffix}`,
      namespace: tcp.metadata.namespace,
      labels: { 'kamaji.clastix.io/name': tcp.metadata.name ?? '', 'kamaji.clastix.io/component': suffix },
      ownerReferences: [
        {
          apiVersion: TenantControlPlane.apiVersion,
          kind: 'TenantControlPlane',
          name: tcp.metadata.name ?? '',
          uid: tcp.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, encodeSecretValue(v)])),
  };
}

/** Kamaji's `<tcp>-ca` and `<tcp>-admin-kubeconfig`, with a real CA and admin client certificate. */
async function kamajiSecrets(tcp: Readonly<TenantControlPlane>, address: string, port: number): Promise<Secret[]> {
  const ca: KeyPair = await createCertificateAuthority(`${tcp.metadata.name}-ca`, { keyAlgorithm: 'ecdsa' });
  const admin = await issueCertificate(ca, {
    commonName: 'kubernetes-admin',
    organizations: ['kubeadm:cluster-admins'],
    usages: ['client'],
    keyAlgorithm: 'ecdsa',
  });
  const kubeconfig = (server: string) =>
    renderKubeconfig({
      clusterName: tcp.metadata.name ?? '',
      server,
      caCert: ca.cert,
      clientCert: admin.cert,
      clientKey: admin.key,
    });
  const external = kubeconfig(`https://${address}:${port}`);
  const inCluster = kubeconfig(`https://${tcp.metadata.name}.${tcp.metadata.namespace}.svc:${port}`);
  return [
    secretOf(tcp, 'ca', { 'ca.crt': ca.cert, 'ca.key': ca.key, 'tls.crt': ca.cert, 'tls.key': ca.key }),
    secretOf(tcp, 'admin-kubeconfig', {
      'admin.conf': external,
      'super-admin.conf': external,
      'admin.svc': inCluster,
      'super-admin.svc': inCluster,
    }),
  ];
}

/**
 * The next status Kamaji would report, one step at a time: first the Service address, the Secrets and
 * `Provisioning`; then `Ready` with every replica ready; on a version change `Upgrading`, then `Ready` at the
 * new version; replica counters follow `spec.controlPlane.deployment.replicas`.
 */
export function nextStatus(tcp: Readonly<TenantControlPlane>, address: string): TcpStatus {
  const status = structuredClone(tcp.status ?? {}) as TcpStatus;
  const desired = tcp.spec.kubernetes.version;
  const replicas = tcp.spec.controlPlane.deployment?.replicas ?? 2;
  const port = tcp.spec.networkProfile?.port ?? 6443;
  const name = tcp.metadata.name ?? '';
  const version = status.kubernetesResources?.version;
  const selector = `kamaji.clastix.io/name=${name}`;
  const counters = (ready: number) => ({
    name,
    namespace: tcp.metadata.namespace ?? '',
    selector,
    replicas,
    readyReplicas: ready,
    availableReplicas: ready,
    updatedReplicas: replicas,
    unavailableReplicas: replicas - ready,
  });
  if (!version?.status) {
    status.controlPlaneEndpoint = `${address}:${port}`;
    status.kubeconfig = { admin: { secretName: `${name}-admin-kubeconfig` } };
    status.certificates = { ca: { secretName: `${name}-ca` } };
    status.kubernetesResources = { version: { version: desired, status: 'Provisioning' }, deployment: counters(0) };
  } else if (version.status === 'Provisioning') {
    status.kubernetesResources = { version: { version: desired, status: 'Ready' }, deployment: counters(replicas) };
  } else if (version.status === 'Ready' && version.version !== desired) {
    status.kubernetesResources = { version: { ...version, status: 'Upgrading' }, deployment: counters(replicas) };
  } else if (version.status === 'Upgrading') {
    status.kubernetesResources = { version: { version: desired, status: 'Ready' }, deployment: counters(replicas) };
  } else {
    status.kubernetesResources = { ...status.kubernetesResources, deployment: counters(replicas) };
  }
  return status;
}

/**
 * What Kamaji's operator does to a TenantControlPlane, without running any control plane: see README.md for
 * exactly what is simulated and what is not.
 */
export function kamajiSimulator(manager: InfraControllerHost, options: KamajiSimulatorOptions = {}): KamajiSimulator {
  const held = new Set<string>();
  const defaultAddress = options.defaultAddress ?? '203.0.113.10';
  const controller = controllerBuilder(manager)
    .named('kamaji-simulator')
    .for(TenantControlPlane)
    .build(async (request) => {
      const tcp = manager.cache.informerFor(TenantControlPlane).get(request);
      if (!tcp || tcp.metadata.deletionTimestamp || held.has(keyOf(request))) return;
      const address = tcp.spec.networkProfile?.address || defaultAddress;
      const status = nextStatus(tcp, address);
      if (!tcp.status?.kubernetesResources?.version?.status) {
        const port = tcp.spec.networkProfile?.port ?? 6443;
        for (const secret of await kamajiSecrets(tcp, address, port)) {
          const exists = await manager.client.getOptional(builtin.secret, {
            namespace: tcp.metadata.namespace,
            name: secret.metadata.name ?? '',
          });
          if (!exists) await manager.client.create(builtin.secret, secret);
        }
      }
      if (JSON.stringify(status) === JSON.stringify(tcp.status ?? {})) return;
      await manager.client.mergePatch(TenantControlPlane, request, { status }, { subresource: 'status' });
    });
  return {
    controller,
    hold: (key) => held.add(keyOf(key)),
    release: (key) => held.delete(keyOf(key)),
  };
}
