// biome-ignore-all lint/suspicious/noTemplateCurlyInString: clusterctl variables are written ${LIKE_THIS}.

import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../src/client/index.js';
import {
  AGGREGATE_TO_CAPI_MANAGER_LABEL,
  BadSubstitutionError,
  buildComponents,
  type ComponentsSpec,
  INJECT_CA_FROM_ANNOTATION,
  LEADER_ELECTION_RULES,
  listVariables,
  PROVIDER_LABEL,
  renderComponentsYaml,
  substituteVariables,
} from '../../src/release/index.js';
import { sampleCredentialCrd, sampleMachineCrd, sampleSpec } from './sample-provider.js';

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
]);

/** The smallest valid spec: no CRDs, no webhooks. */
const minimalSpec: ComponentsSpec = {
  provider: { name: 'microk8s', type: 'BootstrapProvider' },
  namePrefix: 'capbm',
  image: 'ghcr.io/example/capbm:v0.1.0',
  rbac: { clusterRules: [{ apiGroups: ['bootstrap.cluster.x-k8s.io'], resources: ['*'], verbs: ['*'] }] },
};

function find(objects: KubeObject[], kind: string, name?: string): KubeObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name ?? ''}, found ${found.length}`);
  return found[0] as KubeObject;
}

// biome-ignore lint/suspicious/noExplicitAny: test code digs into untyped object trees.
type Loose = any;

describe('buildComponents: what clusterctl requires of every components YAML', () => {
  const objects = buildComponents(sampleSpec);

  it('emits the objects in apply order', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/capx-system',
      'CustomResourceDefinition/samplemachines.infrastructure.cluster.x-k8s.io',
      'CustomResourceDefinition/samplecredentials.sample.example.com',
      'ServiceAccount/capx-manager',
      'Role/capx-leader-election-role',
      'RoleBinding/capx-leader-election-rolebinding',
      'Role/capx-manager-namespace-role',
      'RoleBinding/capx-manager-namespace-rolebinding',
      'ClusterRole/capx-manager-role',
      'ClusterRoleBinding/capx-manager-rolebinding',
      'ClusterRole/capx-capi-aggregated-role',
      'Deployment/capx-controller-manager',
      'Service/capx-webhook-service',
      'Issuer/capx-selfsigned-issuer',
      'Certificate/capx-serving-cert',
      'MutatingWebhookConfiguration/capx-mutating-webhook-configuration',
      'ValidatingWebhookConfiguration/capx-validating-webhook-configuration',
    ]);
  });

  it('labels every object with cluster.x-k8s.io/provider and keeps the labels it had', () => {
    for (const object of objects) {
      expect(object.metadata.labels?.[PROVIDER_LABEL], `${object.kind} ${object.metadata.name}`).toBe(
        'infrastructure-sample',
      );
    }
    expect(find(objects, 'CustomResourceDefinition', sampleMachineCrd.metadata.name).metadata.labels).toEqual({
      'cluster.x-k8s.io/v1beta2': 'v1alpha2',
      [PROVIDER_LABEL]: 'infrastructure-sample',
    });
  });

  it('holds exactly one Namespace and puts every namespaced object in it', () => {
    expect(objects.filter((o) => o.kind === 'Namespace')).toHaveLength(1);
    for (const object of objects) {
      const expected = CLUSTER_SCOPED.has(object.kind ?? '') ? undefined : 'capx-system';
      expect(object.metadata.namespace, `${object.kind} ${object.metadata.name}`).toBe(expected);
    }
  });

  it('uses the manifest label of each provider type', () => {
    const label = (provider: ComponentsSpec['provider']) =>
      buildComponents({ ...minimalSpec, provider })[0]?.metadata.labels?.[PROVIDER_LABEL];
    expect(label({ name: 'microk8s', type: 'BootstrapProvider' })).toBe('bootstrap-microk8s');
    expect(label({ name: 'kamaji', type: 'ControlPlaneProvider' })).toBe('control-plane-kamaji');
    expect(label({ name: 'incus', type: 'InfrastructureProvider' })).toBe('infrastructure-incus');
    expect(label({ name: 'cluster-api', type: 'CoreProvider' })).toBe('cluster-api');
    expect(label({ name: 'in-cluster', type: 'IPAMProvider' })).toBe('ipam-in-cluster');
    expect(label({ name: 'hooks', type: 'RuntimeExtensionProvider' })).toBe('runtime-extension-hooks');
    expect(label({ name: 'helm', type: 'AddonProvider' })).toBe('addon-helm');
  });

  it('lets the caller choose the namespace', () => {
    const custom = buildComponents({ ...minimalSpec, namespace: 'capi-microk8s-bootstrap-system' });
    expect(custom[0]?.metadata.name).toBe('capi-microk8s-bootstrap-system');
    expect(find(custom, 'Deployment').metadata.namespace).toBe('capi-microk8s-bootstrap-system');
  });
});

describe('buildComponents: least-privilege RBAC', () => {
  const objects = buildComponents(sampleSpec);
  const rbac = objects.filter((o) => String(o.apiVersion).startsWith('rbac.authorization.k8s.io/'));

  it('grants leader election (leases and events) in the provider namespace only', () => {
    const role = find(objects, 'Role', 'capx-leader-election-role') as Loose;
    expect(role.rules).toEqual(LEADER_ELECTION_RULES);
    expect(role.rules).toEqual([
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases'],
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      },
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
    ]);
  });

  it('gives the ClusterRole exactly the rules asked for, and the namespace Role exactly its rules', () => {
    expect((find(objects, 'ClusterRole', 'capx-manager-role') as Loose).rules).toEqual(sampleSpec.rbac.clusterRules);
    expect((find(objects, 'Role', 'capx-manager-namespace-role') as Loose).rules).toEqual(
      sampleSpec.rbac.namespaceRules,
    );
  });

  it('binds every role to the manager ServiceAccount and nothing else', () => {
    const subject = { kind: 'ServiceAccount', name: 'capx-manager', namespace: 'capx-system' };
    const bindings = rbac.filter((o) => o.kind?.endsWith('Binding')) as Loose[];
    expect(bindings.map((b) => [b.roleRef.kind, b.roleRef.name])).toEqual([
      ['Role', 'capx-leader-election-role'],
      ['Role', 'capx-manager-namespace-role'],
      ['ClusterRole', 'capx-manager-role'],
    ]);
    for (const binding of bindings) expect(binding.subjects).toEqual([subject]);
  });

  it('aggregates into the Cluster API core role only the CRDs outside the cluster.x-k8s.io groups', () => {
    const aggregated = find(objects, 'ClusterRole', 'capx-capi-aggregated-role') as Loose;
    expect(aggregated.metadata.labels[AGGREGATE_TO_CAPI_MANAGER_LABEL]).toBe('true');
    expect(aggregated.rules).toEqual([
      {
        apiGroups: ['sample.example.com'],
        resources: ['samplecredentials'],
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      },
    ]);
    const onlyCapiGroups = buildComponents({ ...sampleSpec, crds: [sampleMachineCrd] });
    expect(onlyCapiGroups.some((o) => o.metadata.labels?.[AGGREGATE_TO_CAPI_MANAGER_LABEL])).toBe(false);
  });

  it('creates no namespace Role when no namespace rules are asked for', () => {
    const kinds = buildComponents(minimalSpec)
      .filter((o) => String(o.apiVersion).startsWith('rbac.authorization.k8s.io/'))
      .map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds).toEqual([
      'Role/capbm-leader-election-role',
      'RoleBinding/capbm-leader-election-rolebinding',
      'ClusterRole/capbm-manager-role',
      'ClusterRoleBinding/capbm-manager-rolebinding',
    ]);
  });
});

describe('buildComponents: the manager Deployment', () => {
  const deployment = find(buildComponents(sampleSpec), 'Deployment') as Loose;
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  it('runs one replica of a container named manager, selected by the provider label', () => {
    expect(deployment.spec.replicas).toBe(1);
    expect(pod.containers).toHaveLength(1);
    expect(container.name).toBe('manager');
    expect(container.image).toBe('registry.example.com/capx-manager:${CAPX_VERSION:=v0.1.0}');
    expect(deployment.spec.selector.matchLabels).toEqual({
      [PROVIDER_LABEL]: 'infrastructure-sample',
      'control-plane': 'controller-manager',
    });
    expect(deployment.spec.template.metadata.labels).toEqual(deployment.spec.selector.matchLabels);
    expect(pod.serviceAccountName).toBe('capx-manager');
  });

  it('passes the standard manager flags, then the extra ones', () => {
    expect(container.args).toEqual([
      '--leader-elect',
      '--metrics-bind-address=:8443',
      '--health-probe-bind-address=:9440',
      '--concurrency=${CAPX_CONCURRENCY:=10}',
    ]);
    const noLeaderElection = find(buildComponents({ ...minimalSpec, manager: { leaderElect: false } }), 'Deployment');
    expect((noLeaderElection as Loose).spec.template.spec.containers[0].args).not.toContain('--leader-elect');
  });

  it('sets the pod identity from the downward API, then the extra environment', () => {
    expect(container.env.map((e: { name: string }) => e.name)).toEqual([
      'POD_NAMESPACE',
      'POD_NAME',
      'POD_UID',
      'SAMPLE_ENDPOINT',
    ]);
    expect(container.env[0].valueFrom).toEqual({ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } });
    expect(container.env[3]).toEqual({ name: 'SAMPLE_ENDPOINT', value: '${SAMPLE_ENDPOINT}' });
  });

  it('exposes the webhook, metrics and health ports and probes /healthz and /readyz', () => {
    expect(container.ports).toEqual([
      { name: 'webhook-server', containerPort: 9443, protocol: 'TCP' },
      { name: 'metrics', containerPort: 8443, protocol: 'TCP' },
      { name: 'healthz', containerPort: 9440, protocol: 'TCP' },
    ]);
    expect(container.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 'healthz' } });
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/readyz', port: 'healthz' } });
  });

  it('runs as non-root without privileges, with the RuntimeDefault seccomp profile', () => {
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      runAsUser: 65532,
    });
  });

  it('tolerates control-plane nodes and stops within the grace period', () => {
    expect(pod.tolerations).toContainEqual({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
    expect(pod.terminationGracePeriodSeconds).toBe(10);
  });

  it('mounts the cert-manager Secret where the webhook server reads its certificate', () => {
    expect(pod.volumes).toEqual([{ name: 'cert', secret: { secretName: 'capx-webhook-service-cert' } }]);
    expect(container.volumeMounts).toEqual([
      { name: 'cert', mountPath: '/tmp/k8s-webhook-server/serving-certs', readOnly: true },
    ]);
  });

  it('has no webhook port, volume or Service when the manager serves no webhook', () => {
    const objects = buildComponents(minimalSpec);
    const plain = (find(objects, 'Deployment') as Loose).spec.template.spec;
    expect(plain.volumes).toBeUndefined();
    expect(plain.containers[0].volumeMounts).toBeUndefined();
    expect(plain.containers[0].ports.map((p: { name: string }) => p.name)).toEqual(['metrics', 'healthz']);
    expect(objects.map((o) => o.kind)).toEqual([
      'Namespace',
      'ServiceAccount',
      'Role',
      'RoleBinding',
      'ClusterRole',
      'ClusterRoleBinding',
      'Deployment',
    ]);
  });
});

describe('buildComponents: webhooks and cert-manager', () => {
  const objects = buildComponents(sampleSpec);
  const serviceRef = (path: string) => ({ name: 'capx-webhook-service', namespace: 'capx-system', path, port: 443 });

  it('serves the webhook port through a Service that selects the manager pods', () => {
    const service = find(objects, 'Service') as Loose;
    expect(service.spec).toEqual({
      ports: [{ port: 443, targetPort: 'webhook-server' }],
      selector: { [PROVIDER_LABEL]: 'infrastructure-sample', 'control-plane': 'controller-manager' },
    });
  });

  it('issues the serving certificate from a self-signed Issuer for the Service DNS names', () => {
    expect((find(objects, 'Issuer') as Loose).spec).toEqual({ selfSigned: {} });
    expect((find(objects, 'Certificate') as Loose).spec).toEqual({
      dnsNames: ['capx-webhook-service.capx-system.svc', 'capx-webhook-service.capx-system.svc.cluster.local'],
      issuerRef: { kind: 'Issuer', name: 'capx-selfsigned-issuer' },
      secretName: 'capx-webhook-service-cert',
    });
    for (const kind of ['Issuer', 'Certificate']) expect(find(objects, kind).apiVersion).toBe('cert-manager.io/v1');
  });

  it('points the webhook configurations at the Service paths, with cert-manager CA injection', () => {
    for (const [kind, path, name] of [
      [
        'ValidatingWebhookConfiguration',
        '/validate-infrastructure-cluster-x-k8s-io-v1alpha2-samplemachine',
        'validation.samplemachine.infrastructure.cluster.x-k8s.io',
      ],
      [
        'MutatingWebhookConfiguration',
        '/mutate-infrastructure-cluster-x-k8s-io-v1alpha2-samplemachine',
        'default.samplemachine.infrastructure.cluster.x-k8s.io',
      ],
    ] as const) {
      const configuration = find(objects, kind) as Loose;
      expect(configuration.metadata.annotations).toEqual({
        [INJECT_CA_FROM_ANNOTATION]: 'capx-system/capx-serving-cert',
      });
      expect(configuration.webhooks).toHaveLength(1);
      expect(configuration.webhooks[0]).toMatchObject({
        name,
        admissionReviewVersions: ['v1'],
        clientConfig: { service: serviceRef(path) },
        failurePolicy: 'Fail',
        matchPolicy: 'Equivalent',
        sideEffects: 'None',
      });
      expect(configuration.webhooks[0].rules[0].resources).toEqual(['samplemachines']);
    }
  });

  it('converts multi-version CRDs through the webhook, and leaves single-version CRDs alone', () => {
    const machine = find(objects, 'CustomResourceDefinition', sampleMachineCrd.metadata.name) as Loose;
    expect(machine.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: { clientConfig: { service: serviceRef('/convert') }, conversionReviewVersions: ['v1'] },
    });
    expect(machine.metadata.annotations).toEqual({ [INJECT_CA_FROM_ANNOTATION]: 'capx-system/capx-serving-cert' });
    const credential = find(objects, 'CustomResourceDefinition', sampleCredentialCrd.metadata.name) as Loose;
    expect(credential.spec.conversion).toBeUndefined();
    expect(credential.metadata.annotations).toBeUndefined();
  });

  it('converts only the CRDs listed, on the path asked for', () => {
    const listed = buildComponents({
      ...sampleSpec,
      webhooks: { conversion: { crds: [sampleMachineCrd.metadata.name], path: '/convert-all' } },
    });
    const machine = find(listed, 'CustomResourceDefinition', sampleMachineCrd.metadata.name) as Loose;
    expect(machine.spec.conversion.webhook.clientConfig.service.path).toBe('/convert-all');
    expect(listed.some((o) => o.kind?.endsWith('WebhookConfiguration'))).toBe(false);
    expect(listed.some((o) => o.kind === 'Certificate')).toBe(true);
  });

  it('leaves multi-version CRDs unconverted when no conversion webhook is asked for', () => {
    const unconverted = buildComponents({ ...minimalSpec, crds: [sampleMachineCrd] });
    const machine = find(unconverted, 'CustomResourceDefinition') as Loose;
    expect(machine.spec.conversion).toBeUndefined();
    expect(unconverted.some((o) => o.kind === 'Service')).toBe(false);
  });
});

describe('buildComponents: invalid specs', () => {
  const cases: Array<[string, ComponentsSpec, RegExp]> = [
    ['a prefix that is not a DNS label', { ...minimalSpec, namePrefix: 'Cap_N' }, /namePrefix/],
    ['a prefix that starts with a digit', { ...minimalSpec, namePrefix: '9cap' }, /namePrefix/],
    [
      'a provider name that is not a DNS label',
      { ...minimalSpec, provider: { name: 'In Cus', type: 'AddonProvider' } },
      /provider name/,
    ],
    [
      'an unknown provider type',
      { ...minimalSpec, provider: { name: 'x', type: 'Nope' as 'AddonProvider' } },
      /unknown provider type/,
    ],
    ['an empty image', { ...minimalSpec, image: ' ' }, /image/],
    [
      'a rule without verbs',
      { ...minimalSpec, rbac: { clusterRules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }] } },
      /rbac.clusterRules\[0\]: verbs/,
    ],
    [
      'a namespaced rule on non-resource URLs',
      {
        ...minimalSpec,
        rbac: { clusterRules: [], namespaceRules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] },
      },
      /non-resource URLs/,
    ],
    [
      'a resource rule without API groups',
      { ...minimalSpec, rbac: { clusterRules: [{ resources: ['pods'], verbs: ['get'] }] } },
      /apiGroups are required/,
    ],
    [
      'an environment variable set twice',
      { ...minimalSpec, manager: { env: [{ name: 'POD_NAME', value: 'x' }] } },
      /POD_NAME is set twice/,
    ],
    ['clashing ports', { ...minimalSpec, manager: { metricsPort: 9440 } }, /ports must differ/],
    ['a port out of range', { ...minimalSpec, manager: { healthPort: 70000 } }, /healthPort 70000/],
    [
      'a CRD whose name does not match its names',
      { ...minimalSpec, crds: [{ ...sampleMachineCrd, metadata: { name: 'wrong.example.com' } }] },
      /name must be samplemachines/,
    ],
    [
      'conversion for a single-version CRD',
      {
        ...minimalSpec,
        crds: [sampleCredentialCrd],
        webhooks: { conversion: { crds: [sampleCredentialCrd.metadata.name] } },
      },
      /has a single version/,
    ],
    [
      'conversion for an unknown CRD',
      { ...minimalSpec, webhooks: { conversion: { crds: ['nope.example.com'] } } },
      /not one of the CRDs/,
    ],
    [
      'a CRD asking for webhook conversion that is not configured',
      {
        ...minimalSpec,
        crds: [{ ...sampleMachineCrd, spec: { ...sampleMachineCrd.spec, conversion: { strategy: 'Webhook' } } }],
      },
      /list it in webhooks.conversion/,
    ],
    [
      'a webhook name with two segments',
      { ...minimalSpec, webhooks: { validating: [{ name: 'short.name', path: '/v', rules: [] }] } },
      /three dot-separated segments/,
    ],
    [
      'a relative webhook path',
      {
        ...minimalSpec,
        webhooks: {
          mutating: [
            {
              name: 'a.b.c',
              path: 'mutate',
              rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
            },
          ],
        },
      },
      /path must start with/,
    ],
  ];
  it.each(cases)('rejects %s', (_, spec, message) => {
    expect(() => buildComponents(spec)).toThrow(message);
  });
});

describe('renderComponentsYaml', () => {
  it('renders one YAML document per object, which parse back to the same objects', () => {
    const objects = buildComponents(sampleSpec);
    const documents = parseAllDocuments(renderComponentsYaml(objects)).map((d) => d.toJS());
    expect(documents).toEqual(objects);
  });

  it('is deterministic and does not modify the spec', async () => {
    const before = structuredClone(sampleSpec);
    const first = renderComponentsYaml(buildComponents(sampleSpec));
    const second = renderComponentsYaml(buildComponents(structuredClone(sampleSpec)));
    expect(second).toBe(first);
    expect(sampleSpec).toEqual(before);
    await expect(first).toMatchFileSnapshot('__snapshots__/infrastructure-sample-components.yaml');
  });

  it('exposes the variables clusterctl will ask for', () => {
    expect(listVariables(renderComponentsYaml(buildComponents(sampleSpec)))).toEqual([
      { name: 'CAPX_CONCURRENCY', required: false, defaultValue: '10' },
      { name: 'CAPX_VERSION', required: false, defaultValue: 'v0.1.0' },
      { name: 'SAMPLE_ENDPOINT', required: true },
    ]);
  });

  it('quotes strings with variables, so substituted numbers and booleans stay strings', () => {
    const spec: ComponentsSpec = {
      ...minimalSpec,
      manager: {
        env: [
          { name: 'PORT', value: '${CAPBM_PORT}' },
          { name: 'DEBUG', value: '${CAPBM_DEBUG:=false}' },
        ],
      },
    };
    const yaml = renderComponentsYaml(buildComponents(spec));
    expect(yaml).toContain('value: "${CAPBM_PORT}"');
    const substituted = parseAllDocuments(substituteVariables(yaml, { CAPBM_PORT: '8080' })).map((d) => d.toJS());
    const env = (substituted.find((o) => o.kind === 'Deployment') as Loose).spec.template.spec.containers[0].env;
    expect(env.slice(3)).toEqual([
      { name: 'PORT', value: '8080' },
      { name: 'DEBUG', value: 'false' },
    ]);
  });

  it('refuses a malformed variable reference at build time', () => {
    const objects = buildComponents({ ...minimalSpec, image: 'ghcr.io/example/capbm:${BROKEN' });
    expect(() => renderComponentsYaml(objects)).toThrow(BadSubstitutionError);
  });
});
