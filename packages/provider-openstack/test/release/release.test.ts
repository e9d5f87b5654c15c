// biome-ignore-all lint/suspicious/noTemplateCurlyInString: clusterctl variables are written ${LIKE_THIS}.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KubeObject } from '@capi-ts/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { writeRelease } from '../../src/release/index.js';
import { openStackWebhooks } from '../../src/webhooks/index.js';

// The clusterctl release `pnpm release` writes: files, metadata contract, the components' CRDs, RBAC and webhooks.

const upstreamTemplates = new URL('../../templates/', import.meta.url).pathname;

let out: string;
let directory: string;
let components: KubeObject[];

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'capo-release-'));
  directory = (await writeRelease(['--out', out, '--version', 'v0.1.7'])).directory;
  const text = readFileSync(path.join(directory, 'infrastructure-components.yaml'), 'utf8');
  components = parseAllDocuments(text).map((document) => document.toJSON() as KubeObject);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const ofKind = (kind: string) => components.filter((object) => object.kind === kind);

describe('the OpenStack provider release', () => {
  it('writes infrastructure-openstack/<version>/ with the components, metadata and the cluster-template flavors', () => {
    expect(path.relative(out, directory)).toBe(path.join('infrastructure-openstack', 'v0.1.7'));
    const flavors = readdirSync(upstreamTemplates).filter((file) => /^(cluster-template|clusterclass-)/.test(file));
    expect(readdirSync(directory).sort()).toEqual(
      [...flavors, 'infrastructure-components.yaml', 'metadata.yaml'].sort(),
    );
    for (const file of flavors) {
      expect(readFileSync(path.join(directory, file), 'utf8')).toBe(
        readFileSync(path.join(upstreamTemplates, file), 'utf8'),
      );
    }
  });

  it("declares CAPO v0.14's contract, v1beta1", () => {
    const metadata = parse(readFileSync(path.join(directory, 'metadata.yaml'), 'utf8'));
    expect(metadata).toMatchObject({ kind: 'Metadata', releaseSeries: [{ major: 0, minor: 1, contract: 'v1beta1' }] });
  });

  it('ships every CRD with its contract label and runs the manager as capo-controller-manager in capo-system', () => {
    const crds = ofKind('CustomResourceDefinition');
    expect(crds.map((crd) => crd.metadata.name).sort()).toEqual(
      [
        'openstackclusteridentities',
        'openstackclusters',
        'openstackclustertemplates',
        'openstackfloatingippools',
        'openstackmachines',
        'openstackmachinetemplates',
        'openstackservers',
      ].map((plural) => `${plural}.infrastructure.cluster.x-k8s.io`),
    );
    for (const crd of crds) expect(crd.metadata.labels?.['cluster.x-k8s.io/v1beta1']).toBe('v1beta1');
    const [deployment] = ofKind('Deployment') as Array<
      KubeObject & { spec: { template: { spec: { containers: Array<{ image: string }> } } } }
    >;
    expect(deployment?.metadata).toMatchObject({ name: 'capo-controller-manager', namespace: 'capo-system' });
    expect(deployment?.spec.template.spec.containers[0]?.image).toBe(
      '${CAPO_IMAGE:=ghcr.io/capi-ts/provider-openstack:v0.1.7}',
    );
  });

  it("registers CAPO's validating webhooks at the paths the manager serves", () => {
    const [configuration] = ofKind('ValidatingWebhookConfiguration') as Array<
      KubeObject & { webhooks: Array<{ name: string; clientConfig: { service: { path: string } } }> }
    >;
    expect(configuration?.metadata.name).toBe('capo-validating-webhook-configuration');
    expect(configuration?.webhooks.map((w) => [w.name, w.clientConfig.service.path])).toEqual(
      openStackWebhooks.map((w) => [w.name, w.path]),
    );
  });

  it('lets the manager read credentials and namespaces and manage its kinds and their status', () => {
    type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
    const [role] = ofKind('ClusterRole') as Array<KubeObject & { rules: Rule[] }>;
    const allows = (group: string, resource: string, verb: string) =>
      role?.rules.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));
    expect(allows('', 'secrets', 'get')).toBe(true);
    expect(allows('', 'namespaces', 'get')).toBe(true);
    expect(allows('cluster.x-k8s.io', 'machines', 'list')).toBe(true);
    for (const kind of ['openstackclusters', 'openstackservers', 'openstackmachines']) {
      expect(allows('infrastructure.cluster.x-k8s.io', kind, 'patch'), kind).toBe(true);
      expect(allows('infrastructure.cluster.x-k8s.io', `${kind}/status`, 'patch'), kind).toBe(true);
    }
    expect(allows('infrastructure.cluster.x-k8s.io', 'openstackclusteridentities', 'get')).toBe(true);
  });
});
