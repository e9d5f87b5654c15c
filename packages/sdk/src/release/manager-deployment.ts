import type { KubeObject } from '../client/object.js';
import type { EnvVar } from './kubernetes-types.js';
import { type ResolvedComponents, WEBHOOK_CERT_DIR } from './resolved-components.js';

/**
 * The manager Deployment, shaped like the Deployments of Cluster API providers: one replica, a container named
 * `manager` (clusterctl looks for it), health probes on `/healthz` and `/readyz`, a restricted security context,
 * tolerations for control-plane nodes, and, when webhooks are served, the cert-manager Secret mounted where the
 * webhook server reads its certificate.
 */
export function buildManagerDeployment(components: ResolvedComponents): KubeObject {
  const { spec, names, podSelector } = components;
  const manager = spec.manager ?? {};
  const runAs = manager.runAsUser ?? 65532;
  const container: Record<string, unknown> = {
    name: 'manager',
    image: spec.image,
    imagePullPolicy: spec.imagePullPolicy ?? 'IfNotPresent',
    ...(manager.command ? { command: [...manager.command] } : {}),
    args: managerArgs(components),
    env: managerEnv(manager.env ?? []),
    ports: containerPorts(components),
    livenessProbe: { httpGet: { path: '/healthz', port: 'healthz' } },
    readinessProbe: { httpGet: { path: '/readyz', port: 'healthz' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      runAsUser: runAs,
      runAsGroup: runAs,
    },
    terminationMessagePolicy: 'FallbackToLogsOnError',
    ...(components.webhooksEnabled
      ? { volumeMounts: [{ name: 'cert', mountPath: WEBHOOK_CERT_DIR, readOnly: true }] }
      : {}),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: names.deployment, namespace: names.namespace, labels: { ...podSelector } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { ...podSelector } },
      template: {
        metadata: { labels: { ...podSelector } },
        spec: {
          serviceAccountName: names.serviceAccount,
          containers: [container],
          terminationGracePeriodSeconds: manager.terminationGracePeriodSeconds ?? 10,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          tolerations: [
            { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          ...(components.webhooksEnabled
            ? { volumes: [{ name: 'cert', secret: { secretName: names.certificateSecret } }] }
            : {}),
        },
      },
    },
  };
}

function managerArgs({ spec, metricsPort, healthPort }: ResolvedComponents): string[] {
  return [
    ...((spec.manager?.leaderElect ?? true) ? ['--leader-elect'] : []),
    `--metrics-bind-address=:${metricsPort}`,
    `--health-probe-bind-address=:${healthPort}`,
    ...(spec.manager?.extraArgs ?? []),
  ];
}

/** The pod's identity from the downward API (the manager's leader-election namespace and identity), then `extra`. */
function managerEnv(extra: readonly EnvVar[]): EnvVar[] {
  const field = (name: string, fieldPath: string): EnvVar => ({
    name,
    valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } },
  });
  return [
    field('POD_NAMESPACE', 'metadata.namespace'),
    field('POD_NAME', 'metadata.name'),
    field('POD_UID', 'metadata.uid'),
    ...structuredClone([...extra]),
  ];
}

function containerPorts(components: ResolvedComponents): Array<Record<string, unknown>> {
  const port = (name: string, containerPort: number) => ({ name, containerPort, protocol: 'TCP' });
  return [
    ...(components.webhooksEnabled ? [port('webhook-server', components.webhookPort)] : []),
    port('metrics', components.metricsPort),
    port('healthz', components.healthPort),
  ];
}
