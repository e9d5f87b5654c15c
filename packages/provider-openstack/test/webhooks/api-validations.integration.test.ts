import { ApiError, KubeClient, type KubeObject } from '@capi-ts/sdk';
import { createAsWritten, type ManifestTarget, startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStackCrds } from '../../src/api/crds.js';
import { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import { OpenStackCluster } from '../../src/api/v1beta1/openstack-cluster.js';
import { OpenStackClusterTemplate } from '../../src/api/v1beta1/openstack-cluster-template.js';
import { OpenStackMachine } from '../../src/api/v1beta1/openstack-machine.js';
import { OpenStackMachineTemplate } from '../../src/api/v1beta1/openstack-machine-template.js';
import { type ServedWebhooks, serveOpenStackWebhooks } from './serve-webhooks.js';

// CAPO's API validation suite (test/e2e/suites/apivalidations: CRD schema, CEL and validating webhooks together,
// against a real API server), ported case by case; each test is named after the upstream case.

let env: TestEnvironment;
let webhooks: ServedWebhooks;
let client: KubeClient;
let target: ManifestTarget;

beforeAll(async () => {
  env = await startTestEnvironment({ crds: openStackCrds });
  webhooks = await serveOpenStackWebhooks(env);
  client = new KubeClient(env.kubeConfig);
  target = { client, types: definitions };
}, 120_000);
afterAll(async () => {
  await webhooks?.stop();
  await env?.stop();
});

type Spec = Record<string, unknown>;
const UUID = '06c32c52-f207-4f6a-a769-bbcbe5a43f5c';
const identityRef = { name: 'cloud-config', cloudName: 'openstack' };

const object = (kind: string, version: string, spec: Spec): KubeObject =>
  ({
    apiVersion: `infrastructure.cluster.x-k8s.io/${version}`,
    kind,
    metadata: { generateName: `${kind.toLowerCase()}-` },
    spec,
  }) as KubeObject;
const cluster = (spec: Spec = {}) => object('OpenStackCluster', 'v1beta1', { identityRef, ...spec });
const machineSpec = (spec: Spec = {}) => ({
  image: { filter: { name: 'test-image' } },
  flavor: 'flavor-name',
  ...spec,
});
const machine = (spec: Spec = {}) => object('OpenStackMachine', 'v1beta1', machineSpec(spec));
const server = (spec: Spec = {}) =>
  object('OpenStackServer', 'v1alpha1', { ...machineSpec(), identityRef, sshKeyName: 'key', ports: [{}], ...spec });
const bastionSpec = machineSpec({ image: { filter: { name: 'fake-image' } } });

/** Creates the object as written: the stored object, or the API server's error. */
const create = (o: KubeObject) => createAsWritten(target, o);

const definitions = [
  OpenStackCluster,
  OpenStackClusterTemplate,
  OpenStackMachine,
  OpenStackMachineTemplate,
  OpenStackServer,
];

/** Creates the object, expects the API server to store it, and the stored object to parse with our zod schema. */
async function expectAccepted(o: KubeObject): Promise<KubeObject & { spec: Spec }> {
  const stored = await create(o);
  if (stored instanceof ApiError) throw new Error(`rejected: ${stored.message}`);
  const parsed = definitions.find((d) => d.kind === stored.kind)?.safeParse(stored);
  if (!parsed?.success) throw new Error(`stored ${stored.kind} does not parse: ${parsed?.error.message}`);
  return stored as KubeObject & { spec: Spec };
}

async function expectRejected(o: KubeObject, message?: string): Promise<void> {
  const stored = await create(o);
  expect(stored).toBeInstanceOf(ApiError);
  if (message) expect((stored as ApiError).message).toContain(message);
}

/** Updates a stored object's spec; resolves to the error, if any. */
async function updateSpec(stored: KubeObject & { spec: Spec }, change: (spec: Spec) => Spec): Promise<unknown> {
  const type = target.types.find((t) => t.kind === stored.kind);
  if (!type) throw new Error(`no type for ${stored.kind}`);
  return client.update(type, { ...stored, spec: change(structuredClone(stored.spec)) }).then(
    (updated) => {
      Object.assign(stored, updated);
      return undefined;
    },
    (e: unknown) => e,
  );
}

describe('OpenStackCluster API validations', () => {
  it('should allow the smallest permissible cluster spec', async () => {
    await expectAccepted(cluster());
  });

  it('should only allow controlPlaneEndpoint to be set once', async () => {
    const stored = await expectAccepted(cluster());
    expect(
      await updateSpec(stored, (s) => ({ ...s, controlPlaneEndpoint: { host: 'foo', port: 1234 } })),
    ).toBeUndefined();
    const error = await updateSpec(stored, (s) => ({ ...s, controlPlaneEndpoint: { host: 'bar', port: 1234 } }));
    expect((error as ApiError).message).toContain('spec: Forbidden: cannot be modified');
  });

  it('should allow an empty managed security groups definition', async () => {
    const stored = await expectAccepted(cluster({ managedSecurityGroups: {} }));
    expect(stored.spec.managedSecurityGroups).toEqual({ allowAllInClusterTraffic: false });
  });

  it('should default enabled to true if APIServerLoadBalancer is specified without enabled=true', async () => {
    const stored = await expectAccepted(cluster({ apiServerLoadBalancer: {} }));
    expect(stored.spec.apiServerLoadBalancer).toEqual({ enabled: true });
  });

  it('should not default APIServerLoadBalancer if it is not specifid', async () => {
    const stored = await expectAccepted(cluster());
    expect(stored.spec.apiServerLoadBalancer).toBeUndefined();
  });

  it('should allow bastion.enabled=true with a spec', async () => {
    await expectAccepted(cluster({ bastion: { enabled: true, spec: bastionSpec } }));
  });

  it('should not allow bastion.enabled=true without a spec', async () => {
    await expectRejected(cluster({ bastion: { enabled: true } }), 'spec is required if bastion is enabled');
  });

  it('should not allow an empty Bastion', async () => {
    await expectRejected(cluster({ bastion: {} }), 'spec is required if bastion is enabled');
  });

  it('should default bastion.enabled=true', async () => {
    const stored = await expectAccepted(cluster({ bastion: { spec: bastionSpec } }));
    expect((stored.spec.bastion as Spec).enabled).toBe(true);
  });

  it('should allow IPv4 as bastion floatingIP', async () => {
    await expectAccepted(cluster({ bastion: { enabled: true, spec: bastionSpec, floatingIP: '10.0.0.0' } }));
  });

  it('should not allow non-IPv4 as bastion floating IP', async () => {
    await expectRejected(cluster({ bastion: { spec: bastionSpec, floatingIP: 'foobar' } }), 'spec.bastion.floatingIP');
  });

  it('should not allow a bastion floating IP with DisableExternalNetwork set to true', async () => {
    await expectRejected(
      cluster({ bastion: { enabled: true, spec: bastionSpec, floatingIP: '10.0.0.0' }, disableExternalNetwork: true }),
      'bastion floating IP cannot be set when disableExternalNetwork is true',
    );
  });

  it('should not allow DisableAPIServerFloatingIP to be false with DisableExternalNetwork set to true', async () => {
    await expectRejected(
      cluster({ disableAPIServerFloatingIP: false, disableExternalNetwork: true }),
      'disableAPIServerFloatingIP cannot be false when disableExternalNetwork is true',
    );
  });

  it.each([
    ['should not allow apiServerPort greater than MaxUInt16', 65536, false],
    ['should not allow apiServerPort less than zero', -1, false],
    ['should allow apiServerPort zero', 0, true],
    ['should allow apiServerPort 65535', 65535, true],
  ])('%s', async (_name, apiServerPort, accepted) => {
    if (accepted) await expectAccepted(cluster({ apiServerPort }));
    else await expectRejected(cluster({ apiServerPort }), 'spec.apiServerPort');
  });

  it('should require identityRef with a name and a cloudName, and default its type to Secret', async () => {
    await expectRejected(object('OpenStackCluster', 'v1beta1', {}), 'spec.identityRef: Required value');
    await expectRejected(cluster({ identityRef: { name: '', cloudName: 'c' } }), 'spec.identityRef.name');
    await expectRejected(cluster({ identityRef: { name: 'n' } }), 'spec.identityRef.cloudName: Required value');
    const stored = await expectAccepted(cluster());
    expect(stored.spec.identityRef).toEqual({ ...identityRef, type: 'Secret' });
  });

  it('should not allow identityRef.region to change, but allow the other identityRef fields to', async () => {
    const stored = await expectAccepted(cluster({ identityRef: { ...identityRef, region: 'one' } }));
    const region = await updateSpec(stored, (s) => ({ ...s, identityRef: { ...identityRef, region: 'two' } }));
    expect((region as ApiError).message).toContain('region is immutable');
    const renamed = await updateSpec(stored, (s) => ({
      ...s,
      identityRef: { name: 'other', cloudName: 'x', region: 'one' },
    }));
    expect(renamed).toBeUndefined();
  });

  it('should not allow all-nodes security group rules naming their remote side twice', async () => {
    const rules = [{ name: 'r', direction: 'ingress', remoteGroupID: 'g', remoteIPPrefix: '0.0.0.0/0' }];
    await expectRejected(
      cluster({ managedSecurityGroups: { allNodesSecurityGroupRules: rules } }),
      'remoteGroupID cannot be used with remoteManagedGroups or remoteIPPrefix',
    );
  });

  it('should allow the bastion to change but not to be removed while enabled', async () => {
    const stored = await expectAccepted(cluster({ bastion: { spec: bastionSpec } }));
    expect(
      await updateSpec(stored, (s) => ({ ...s, bastion: { spec: machineSpec({ flavor: 'other' }) } })),
    ).toBeUndefined();
    const removed = await updateSpec(stored, ({ bastion: _b, ...s }) => s);
    expect((removed as ApiError).message).toContain('spec.bastion: Forbidden: cannot be removed before disabling it');
    expect(await updateSpec(stored, (s) => ({ ...s, bastion: { enabled: false } }))).toBeUndefined();
    expect(await updateSpec(stored, ({ bastion: _b, ...s }) => s)).toBeUndefined();
  });
});

describe('OpenStackMachine API validations', () => {
  it('should allow to create a machine with correct spec', async () => {
    await expectAccepted(machine());
    await expectAccepted(machine({ identityRef: { name: 'foobar', cloudName: 'staging' } }));
  });

  it('should only allow the providerID to be set once', async () => {
    const stored = await expectAccepted(machine());
    expect(await updateSpec(stored, (s) => ({ ...s, providerID: 'foo' }))).toBeUndefined();
    const error = await updateSpec(stored, (s) => ({ ...s, providerID: 'bar' }));
    expect((error as ApiError).message).toContain('spec: Forbidden: cannot be modified');
  });

  it('should allow the identityRef to be set several times', async () => {
    const stored = await expectAccepted(machine());
    for (const ref of [
      { name: 'foo', cloudName: 'staging' },
      { name: 'bar', cloudName: 'staging' },
      { name: 'bar', cloudName: 'production' },
      undefined,
    ]) {
      expect(await updateSpec(stored, (s) => ({ ...s, identityRef: ref }))).toBeUndefined();
    }
  });

  it('should not allow server metadata to exceed 255 characters', async () => {
    await expectRejected(
      machine({ serverMetadata: [{ key: 'a'.repeat(256), value: 'value' }] }),
      'serverMetadata[0].key',
    );
    await expectRejected(
      machine({ serverMetadata: [{ key: 'key', value: 'a'.repeat(256) }] }),
      'serverMetadata[0].value',
    );
    await expectAccepted(machine({ serverMetadata: [{ key: 'a'.repeat(255), value: 'b'.repeat(255) }] }));
  });

  it('should allow server identityRef Region field or unset on creation', async () => {
    const withRegion = await expectAccepted(
      machine({ identityRef: { name: 'secretName', cloudName: 'cloudName', region: 'regionName' } }),
    );
    const changed = await updateSpec(withRegion, (s) => ({
      ...s,
      identityRef: { ...(s.identityRef as Spec), region: 'anotherRegionName' },
    }));
    expect((changed as ApiError).message).toContain('region is immutable');
    const withoutRegion = await expectAccepted(
      machine({ identityRef: { name: 'secretName', cloudName: 'cloudName' } }),
    );
    const set = await updateSpec(withoutRegion, (s) => ({
      ...s,
      identityRef: { ...(s.identityRef as Spec), region: 'regionName' },
    }));
    expect((set as ApiError).message).toContain('region is immutable');
  });

  it('should require either a flavor or flavorID', async () => {
    const { flavor: _flavor, ...noFlavor } = machineSpec();
    await expectRejected(
      object('OpenStackMachine', 'v1beta1', noFlavor),
      'at least one of flavor or flavorID must be set',
    );
    await expectAccepted(
      object('OpenStackMachine', 'v1beta1', { ...noFlavor, flavorID: '6aa02f56-c595-4d2f-9f8e-3c6296a4bed9' }),
    );
  });

  it('should not allow volume with zero size', async () => {
    await expectRejected(machine({ rootVolume: { sizeGiB: 0 } }), 'spec.rootVolume.sizeGiB');
    await expectRejected(
      machine({ additionalBlockDevices: [{ name: 'test-volume', sizeGiB: 0, storage: { type: '' } }] }),
      'spec.additionalBlockDevices[0].sizeGiB',
    );
  });

  it('should allow to create machine with spec.RootVolume and non-root device name in spec.AdditionalBlockDevices', async () => {
    await expectAccepted(
      machine({
        rootVolume: { sizeGiB: 50 },
        additionalBlockDevices: [{ name: 'user', sizeGiB: 30, storage: { type: '' } }],
      }),
    );
  });

  it('should not allow to create machine with spec.RootVolume and root device name in spec.AdditionalBlockDevices', async () => {
    await expectRejected(
      machine({
        rootVolume: { sizeGiB: 50 },
        additionalBlockDevices: [{ name: 'root', sizeGiB: 30, storage: { type: '' } }],
      }),
      'cannot contain a device named "root" when rootVolume is set',
    );
  });

  it('should not allow to create machine with both SecurityGroups and DisablePortSecurity', async () => {
    await expectRejected(
      machine({
        ports: [{ securityGroups: [{ filter: { name: 'test-security-group' } }], disablePortSecurity: true }],
      }),
      'spec.ports[0]: Forbidden: cannot have security groups when DisablePortSecurity is set to true',
    );
  });

  it('should not allow additional volume with duplicate name', async () => {
    await expectRejected(
      machine({
        additionalBlockDevices: [
          { name: 'test-volume', sizeGiB: 1, storage: { type: '' } },
          { name: 'test-volume', sizeGiB: 2, storage: { type: '' } },
        ],
      }),
      'Duplicate value',
    );
  });

  const withRootVolumeAZ = (availabilityZone: Spec) => machine({ rootVolume: { sizeGiB: 1, availabilityZone } });
  const withDeviceAZ = (availabilityZone: Spec) =>
    machine({
      additionalBlockDevices: [
        { name: 'test-volume', sizeGiB: 1, storage: { type: 'Volume', volume: { availabilityZone } } },
      ],
    });

  it.each([
    ['should allow volume with defaulted AZ from', { name: 'test-az' }, true],
    ['should allow volume with AZ from Name', { from: 'Name', name: 'test-az' }, true],
    ['should allow volume AZ from Machine', { from: 'Machine' }, true],
    ['should not allow volume AZ with invalid from', { from: 'invalid' }, false],
    ['should not allow empty volume AZ', {}, false],
    ['should not allow volume AZ from Name with missing name', { from: 'Name' }, false],
    ['should not allow volume AZ from Machine with name', { from: 'Machine', name: 'test-az' }, false],
    ['should not allow volume AZ from Name with empty name', { from: 'Name', name: '' }, false],
  ])('%s', async (_name, az, accepted) => {
    for (const o of [withRootVolumeAZ(az), withDeviceAZ(az)]) {
      if (accepted) await expectAccepted(o);
      else await expectRejected(o);
    }
  });

  const hint = (value: Spec, name = 'test-hints') => machine({ schedulerHintAdditionalProperties: [{ name, value }] });

  it('should allow empty schedulerHints', async () => {
    await expectAccepted(machine({ schedulerHintAdditionalProperties: [] }));
  });

  it('should not allow item with empty name', async () => {
    await expectRejected(hint({ type: 'Bool', bool: false }, ''));
  });

  it('should not allow item with empty value', async () => {
    await expectRejected(machine({ schedulerHintAdditionalProperties: [{ name: 'test-hints' }] }));
  });

  it('should allow correct SchedulerHintAdditionalProperties', async () => {
    await expectAccepted(hint({ type: 'Bool', bool: true }));
    await expectAccepted(hint({ type: 'Number', number: 1 }));
    await expectAccepted(hint({ type: 'String', string: 'test-hint' }));
  });

  it.each([
    [
      'bool',
      [
        { type: 'Bool', number: 1 },
        { type: 'Bool', string: 'test-hint' },
      ],
    ],
    [
      'number',
      [
        { type: 'Number', bool: true },
        { type: 'Number', string: 'test-hint' },
      ],
    ],
    [
      'string',
      [
        { type: 'String', bool: true },
        { type: 'String', number: 1 },
      ],
    ],
  ])('should not allow incorrect SchedulerHintAdditionalProperties with %s type', async (_type, values) => {
    for (const value of values) await expectRejected(hint(value), 'is required when type is');
  });
});

describe('OpenStackServer API validations', () => {
  it('should allow the smallest permissible server spec', async () => {
    await expectAccepted(server());
  });

  it('should require identityRef, image, ports and sshKeyName', async () => {
    await expectRejected(object('OpenStackServer', 'v1alpha1', { flavor: 'f' }), 'spec.identityRef: Required value');
  });

  it('should not allow the spec to change', async () => {
    const stored = await expectAccepted(server());
    const error = await updateSpec(stored, (s) => ({ ...s, flavor: 'other' }));
    expect((error as ApiError).message).toContain('OpenStackServer spec field is immutable');
  });

  it('should not allow security groups on a port with port security disabled', async () => {
    await expectRejected(
      server({ ports: [{ disablePortSecurity: true, securityGroups: [{ id: UUID }] }] }),
      'spec.ports: Forbidden: cannot have security groups when DisablePortSecurity is set to true',
    );
  });
});

describe('template API validations', () => {
  it('should not allow a providerID in an OpenStackMachineTemplate', async () => {
    await expectRejected(
      object('OpenStackMachineTemplate', 'v1beta1', { template: { spec: machineSpec({ providerID: 'x' }) } }),
      'spec.template.spec.providerID: Forbidden: cannot be set in templates',
    );
  });

  it('should not allow spec.template.spec of an OpenStackMachineTemplate to change', async () => {
    const stored = await expectAccepted(
      object('OpenStackMachineTemplate', 'v1beta1', { template: { spec: machineSpec() } }),
    );
    const error = await updateSpec(stored, () => ({ template: { spec: machineSpec({ flavor: 'other' }) } }));
    expect((error as ApiError).message).toContain('OpenStackMachineTemplate spec.template.spec field is immutable');
  });

  it('should not allow spec.template.spec of an OpenStackClusterTemplate to change', async () => {
    const stored = await expectAccepted(
      object('OpenStackClusterTemplate', 'v1beta1', { template: { spec: { identityRef } } }),
    );
    const error = await updateSpec(stored, () => ({ template: { spec: { identityRef, tags: ['x'] } } }));
    expect((error as ApiError).message).toContain('OpenStackClusterTemplate spec.template.spec field is immutable');
  });
});

describe('Filter API validations', () => {
  type Tags = Record<string, string[]>;

  it.each<[string, Tags[]]>([
    ['empty list', []],
    ['single tag', [{ tags: ['foo'] }]],
    [
      'multiple filters, multiple tags',
      [
        { tags: ['foo', 'bar'] },
        { tagsAny: ['foo', 'bar'] },
        { notTags: ['foo', 'bar'] },
        { notTagsAny: ['foo', 'bar'] },
      ],
    ],
  ])('Allow valid neutron filter tags: %s', async (_name, tags) => {
    await expectAccepted(
      machine({
        securityGroups: tags.map((t) => ({ filter: t })),
        ports: tags.map((t) => ({
          network: { filter: t },
          fixedIPs: [{ subnet: { filter: t } }],
          securityGroups: [{ filter: t }],
        })),
      }),
    );
    const first = tags[0];
    await expectAccepted(
      cluster({
        subnets: tags.slice(0, 2).map((t) => ({ filter: t })),
        ...(first ? { network: { filter: first }, externalNetwork: { filter: first }, router: { filter: first } } : {}),
      }),
    );
  });

  it.each<[string, Tags]>([
    ['contains leading comma', { tags: [',foo'] }],
    ['contains trailing comma', { tags: ['foo,'] }],
    ['contains comma in middle', { tags: ['foo,bar'] }],
    ['contains multiple commas', { tags: ['foo,,bar'] }],
    ['empty tag', { tags: [''] }],
    ['second tag is invalid', { tags: ['foo', ''] }],
  ])('Disallow invalid neutron filter tags: %s', async (_name, t) => {
    await expectRejected(machine({ securityGroups: [{ filter: t }] }));
    await expectRejected(machine({ ports: [{ network: { filter: t } }] }));
    await expectRejected(machine({ ports: [{ fixedIPs: [{ subnet: { filter: t } }] }] }));
    await expectRejected(machine({ ports: [{ securityGroups: [{ filter: t }] }] }));
    await expectRejected(cluster({ subnets: [{ filter: t }] }));
    await expectRejected(cluster({ network: { filter: t } }));
    await expectRejected(cluster({ externalNetwork: { filter: t } }));
    await expectRejected(cluster({ router: { filter: t } }));
  });

  const imageUUID = '5a78f794-cdc3-48d2-8d9f-0fd472fdd743';
  it.each([
    ['should not allow both ID and Filter to be set', { id: imageUUID, filter: { name: 'bar' } }, false],
    [
      'should not allow both ID and Tags of ImageFilter to be set',
      { id: imageUUID, filter: { tags: ['bar', 'baz'] } },
      false,
    ],
    ['should allow UUID ID of ImageFilter to be set', { id: imageUUID }, true],
    ['should not allow non-UUID ID of ImageFilter to be set', { id: 'foo' }, false],
    ['should allow Name and Tags of ImageFilter to be set', { filter: { name: 'bar', tags: ['bar', 'baz'] } }, true],
    ['should not allow a non-nil, empty image filter', { filter: {} }, false],
    ['should allow an ORC image reference', { imageRef: { name: 'node-image' } }, true],
  ])('ImageParam %s', async (_name, image, accepted) => {
    if (accepted) await expectAccepted(machine({ image }));
    else await expectRejected(machine({ image }));
  });

  const paramCases = (filter: Spec) =>
    [
      ['should allow setting ID', { id: UUID }, true],
      ['should allow setting non-empty Filter', { filter }, true],
      ['should not allow setting empty param', {}, false],
      ['should not allow setting invalid id', { id: 'foo' }, false],
      ['should not allow setting empty Filter', { filter: {} }, false],
      ['should not allow setting both ID and Filter', { id: UUID, filter }, false],
    ] as const;

  describe.each([
    ['NetworkParam', (p: Spec) => cluster({ network: p })],
    ['SubnetParam', (p: Spec) => cluster({ subnets: [p] })],
    ['RouterParam', (p: Spec) => cluster({ router: p })],
    ['SecurityGroupParam', (p: Spec) => machine({ securityGroups: [p] })],
    ['ServerGroupParam', (p: Spec) => machine({ serverGroup: p })],
  ])('%s', (_kind, withParam) => {
    it.each(paramCases({ name: 'foo' }))('%s', async (_name, param, accepted) => {
      if (accepted) await expectAccepted(withParam(param));
      else await expectRejected(withParam(param));
    });
  });
});
