import { renderComponentsYaml, substituteVariables } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { componentsSpec, releaseComponents, releaseMetadata } from '../../src/release/components.js';

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

  it('declares the v1beta2 contract in metadata.yaml', () => {
    expect(releaseMetadata().releaseSeries).toEqual([{ major: 0, minor: 1, contract: 'v1beta2' }]);
  });
});
