import { renderComponentsYaml, substituteVariables } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { componentsSpec, releaseComponents, releaseMetadata } from '../../src/release/components.js';
import { AGGREGATE_TO_KAMAJI_LABEL } from '../../src/release/extra-rbac.js';

type Obj = { kind: string; metadata: { name: string; namespace?: string }; spec?: Record<string, unknown> };
type DeploymentSpec = { template: { spec: { containers: { args: string[]; image: string }[] } } };

/** The manager container of the rendered components. */
function managerContainer(objects: Obj[]) {
  const deployment = objects.find((o) => o.kind === 'Deployment');
  if (!deployment) throw new Error('no Deployment in the components');
  return { deployment, container: (deployment.spec as DeploymentSpec).template.spec.containers[0] };
}

function rendered(values: Record<string, string>): Obj[] {
  const yaml = substituteVariables(renderComponentsYaml(releaseComponents('v0.1.0')), values);
  return parseAllDocuments(yaml).map((doc) => doc.toJS() as Obj);
}

describe('control-plane-components.yaml', () => {
  it('serves both CRDs through the conversion webhook', () => {
    const crds = rendered({}).filter((o) => o.kind === 'CustomResourceDefinition');
    expect(crds.map((c) => c.metadata.name).sort()).toEqual([
      'kamajicontrolplanes.controlplane.cluster.x-k8s.io',
      'kamajicontrolplanetemplates.controlplane.cluster.x-k8s.io',
    ]);
    for (const crd of crds) {
      expect(crd.spec?.conversion).toMatchObject({
        strategy: 'Webhook',
        webhook: { conversionReviewVersions: ['v1'] },
      });
    }
  });

  it('runs the manager in kamaji-system with upstream flags, defaults and variables', () => {
    const { deployment, container } = managerContainer(rendered({}));
    expect(deployment.metadata).toMatchObject({ name: 'capi-kamaji-controller-manager', namespace: 'kamaji-system' });
    expect(container?.image).toBe('ghcr.io/capi-ts/controlplane-kamaji:v0.1.0');
    expect(container?.args).toEqual(
      expect.arrayContaining([
        '--feature-gates=ExternalClusterReference=false,ExternalClusterReferenceCrossNamespace=false,SkipInfraClusterPatch=false,DynamicInfrastructureClusterPatch=false',
        '--dynamic-infrastructure-clusters=""',
        '--max-concurrent-reconciles=1',
      ]),
    );
    const args = managerContainer(
      rendered({ CACPPK_DYNAMIC_INFRASTRUCTURE_CLUSTER_PATCH: 'true', CACPPK_INFRASTRUCTURE_CLUSTERS: 'OscCluster' }),
    ).container?.args;
    expect(args).toContain('--dynamic-infrastructure-clusters=OscCluster');
    expect(args?.find((a) => a.startsWith('--feature-gates'))).toContain('DynamicInfrastructureClusterPatch=true');
  });

  it('lets the manager manage TenantControlPlanes, Secrets and infrastructure clusters', () => {
    const rules = componentsSpec('v0.1.0').rbac.clusterRules;
    const allowed = (group: string, resource: string, verb: string) =>
      rules.some(
        (r) =>
          r.apiGroups?.includes(group) &&
          (r.resources?.includes(resource) || r.resources?.includes('*')) &&
          r.verbs.includes(verb),
      );
    expect(allowed('kamaji.clastix.io', 'tenantcontrolplanes', 'patch')).toBe(true);
    expect(allowed('', 'secrets', 'create')).toBe(true);
    expect(allowed('infrastructure.cluster.x-k8s.io', 'openstackclusters', 'patch')).toBe(true);
    expect(allowed('controlplane.cluster.x-k8s.io', 'kamajicontrolplanes/status', 'patch')).toBe(true);
  });

  it("binds upstream's control-plane role to Cluster API's manager and to CABPK's service account", () => {
    const objects = rendered({ CACPPK_KUBEADM_BOOTSTRAP_SA_NAME: 'cabpk' }) as (Obj & {
      rules?: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
      roleRef?: { name: string };
      subjects?: { name: string; namespace: string }[];
    })[];
    const role = objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name === 'capi-kamaji-control-plane-role');
    expect(role?.rules).toEqual([
      {
        apiGroups: ['controlplane.cluster.x-k8s.io'],
        resources: ['kamajicontrolplanes', 'kamajicontrolplanes/status', 'kamajicontrolplanes/finalizers'],
        verbs: ['get', 'list', 'watch', 'patch', 'update'],
      },
    ]);
    const subjects = objects
      .filter((o) => o.kind === 'ClusterRoleBinding' && o.roleRef?.name === 'capi-kamaji-control-plane-role')
      .flatMap((o) => o.subjects ?? [])
      .map((s) => `${s.namespace}/${s.name}`);
    expect(subjects.sort()).toEqual(['capi-kubeadm-bootstrap-system/cabpk', 'capi-system/capi-manager']);
    for (const object of objects)
      expect(object.metadata).toMatchObject({ labels: { 'cluster.x-k8s.io/provider': 'control-plane-kamaji' } });
  });

  it('aggregates the ClusterRoles labelled aggregate-to-kamaji into a role of the manager (dynamic kinds of other API groups)', () => {
    const objects = rendered({}) as (Obj & {
      aggregationRule?: unknown;
      roleRef?: { name: string };
      subjects?: { name: string; namespace: string }[];
    })[];
    const role = objects.find((o) => o.kind === 'ClusterRole' && o.aggregationRule !== undefined);
    expect(role?.aggregationRule).toEqual({
      clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO_KAMAJI_LABEL]: 'true' } }],
    });
    const binding = objects.find((o) => o.kind === 'ClusterRoleBinding' && o.roleRef?.name === role?.metadata.name);
    expect(binding?.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'capi-kamaji-manager', namespace: 'kamaji-system' },
    ]);
  });

  it('declares the v1beta2 contract in metadata.yaml', () => {
    expect(releaseMetadata().releaseSeries).toEqual([{ major: 0, minor: 1, contract: 'v1beta2' }]);
  });
});
