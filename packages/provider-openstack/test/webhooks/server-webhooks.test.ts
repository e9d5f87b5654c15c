import { describe, expect, it } from 'vitest';
import type { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import type { OpenStackClusterTemplate } from '../../src/api/v1beta1/openstack-cluster-template.js';
import type { OpenStackMachine } from '../../src/api/v1beta1/openstack-machine.js';
import type { OpenStackMachineTemplate } from '../../src/api/v1beta1/openstack-machine-template.js';
import { openStackClusterTemplateValidator } from '../../src/webhooks/openstack-cluster-template-webhook.js';
import { openStackMachineTemplateValidator } from '../../src/webhooks/openstack-machine-template-webhook.js';
import { openStackMachineValidator } from '../../src/webhooks/openstack-machine-webhook.js';
import { openStackServerValidator } from '../../src/webhooks/openstack-server-webhook.js';
import { admissionContext, errorLines } from './support.js';

const baseSpec = { flavor: 'm1.small', image: { filter: { name: 'ubuntu' } } };
const identityRef = { type: 'Secret', name: 'creds', cloudName: 'openstack' };
const DRY_RUN = { 'topology.cluster.x-k8s.io/dry-run': '' };

const machine = (spec: Record<string, unknown>) =>
  ({ metadata: { name: 'm' }, spec: { ...baseSpec, ...spec } }) as OpenStackMachine;
const server = (spec: Record<string, unknown>, annotations?: Record<string, string>) =>
  ({
    metadata: { name: 's', annotations },
    spec: { ...baseSpec, identityRef, sshKeyName: 'key', ports: [{}], ...spec },
  }) as OpenStackServer;
const machineTemplate = (spec: Record<string, unknown>, annotations?: Record<string, string>) =>
  ({
    metadata: { name: 't', annotations },
    spec: { template: { spec: { ...baseSpec, ...spec } } },
  }) as OpenStackMachineTemplate;
const clusterTemplate = (spec: Record<string, unknown>, annotations?: Record<string, string>) =>
  ({
    metadata: { name: 'ct', annotations },
    spec: { template: { spec: { identityRef, ...spec } } },
  }) as OpenStackClusterTemplate;

const update = admissionContext('UPDATE');
const dryRunUpdate = admissionContext('UPDATE', true);

describe('OpenStackMachine', () => {
  it.each([
    [
      'a root volume and a non-root additional device',
      {
        rootVolume: { sizeGiB: 50 },
        additionalBlockDevices: [{ name: 'user', sizeGiB: 30, storage: { type: 'Volume' } }],
      },
      [],
    ],
    [
      'a root volume and an additional device named root',
      {
        rootVolume: { sizeGiB: 50 },
        additionalBlockDevices: [{ name: 'root', sizeGiB: 30, storage: { type: 'Volume' } }],
      },
      ['spec.additionalBlockDevices: cannot contain a device named "root" when rootVolume is set'],
    ],
    [
      'an additional device named root without a root volume',
      { additionalBlockDevices: [{ name: 'root', sizeGiB: 30, storage: { type: 'Local' } }] },
      [],
    ],
    [
      'security groups on a port with port security disabled',
      { ports: [{}, { disablePortSecurity: true, securityGroups: [{ filter: { name: 'sg' } }] }] },
      ['spec.ports[1]: cannot have security groups when DisablePortSecurity is set to true'],
    ],
    [
      'security groups on a port with port security enabled',
      { ports: [{ disablePortSecurity: false, securityGroups: [{ id: 'x' }] }] },
      [],
    ],
  ])('create with %s', (_name, spec, expected) => {
    expect(errorLines(openStackMachineValidator.validateCreate(machine(spec)))).toEqual(expected);
  });

  it.each([
    ['setting the providerID once', {}, { providerID: 'openstack:///a' }, []],
    [
      'changing a set providerID',
      { providerID: 'openstack:///a' },
      { providerID: 'openstack:///b' },
      ['spec: cannot be modified'],
    ],
    ['removing a set providerID', { providerID: 'openstack:///a' }, {}, ['spec: cannot be modified']],
    [
      'setting, changing and clearing identityRef',
      { identityRef },
      { identityRef: { ...identityRef, name: 'other' } },
      [],
    ],
    ['clearing identityRef', { identityRef }, {}, []],
    ['changing the flavor', {}, { flavor: 'm1.large' }, ['spec: cannot be modified']],
  ])('update %s', (_name, before, after, expected) => {
    expect(errorLines(openStackMachineValidator.validateUpdate(machine(before), machine(after)))).toEqual(expected);
  });
});

describe('OpenStackServer', () => {
  it('create reports security groups on a port with port security disabled on the port list', () => {
    const spec = { ports: [{ disablePortSecurity: true, securityGroups: [{ id: 'x' }] }] };
    expect(errorLines(openStackServerValidator.validateCreate(server(spec)))).toEqual([
      'spec.ports: cannot have security groups when DisablePortSecurity is set to true',
    ]);
  });

  it.each([
    ['no change', {}, {}, DRY_RUN, update, []],
    [
      'a flavor change',
      {},
      { flavor: 'm1.large' },
      undefined,
      update,
      ['spec: OpenStackServer spec field is immutable. Please create a new resource instead.'],
    ],
    [
      'an identityRef change (rejected, as upstream compares the whole spec)',
      {},
      { identityRef: { ...identityRef, name: 'x' } },
      undefined,
      update,
      ['spec: OpenStackServer spec field is immutable. Please create a new resource instead.'],
    ],
    ['a flavor change in a topology dry-run', {}, { flavor: 'm1.large' }, DRY_RUN, dryRunUpdate, []],
    [
      'a flavor change in a dry-run without the topology annotation',
      {},
      { flavor: 'm1.large' },
      undefined,
      dryRunUpdate,
      ['spec: OpenStackServer spec field is immutable. Please create a new resource instead.'],
    ],
  ])('update with %s', (_name, before, after, annotations, context, expected) => {
    expect(
      errorLines(openStackServerValidator.validateUpdate(server(before), server(after, annotations), context)),
    ).toEqual(expected);
  });
});

describe('OpenStackMachineTemplate', () => {
  it('create forbids a providerID', () => {
    expect(errorLines(openStackMachineTemplateValidator.validateCreate(machineTemplate({ providerID: 'x' })))).toEqual([
      'spec.template.spec.providerID: cannot be set in templates',
    ]);
    expect(errorLines(openStackMachineTemplateValidator.validateCreate(machineTemplate({})))).toEqual([]);
  });

  it('update forbids spec.template.spec changes except in topology dry-runs', () => {
    const message =
      'spec.template.spec: OpenStackMachineTemplate spec.template.spec field is immutable. Please create a new resource instead. Ref doc: https://cluster-api.sigs.k8s.io/tasks/change-machine-template.html';
    const validate = openStackMachineTemplateValidator.validateUpdate;
    expect(errorLines(validate(machineTemplate({}), machineTemplate({ flavor: 'x' }), update))).toEqual([message]);
    expect(errorLines(validate(machineTemplate({}), machineTemplate({ flavor: 'x' }, DRY_RUN), dryRunUpdate))).toEqual(
      [],
    );
    expect(errorLines(validate(machineTemplate({}), machineTemplate({}, { other: 'x' }), update))).toEqual([]);
  });
});

describe('OpenStackClusterTemplate', () => {
  it('update forbids spec.template.spec changes, also in topology dry-runs', () => {
    const validate = openStackClusterTemplateValidator.validateUpdate;
    const changed = clusterTemplate({ tags: ['x'] }, DRY_RUN);
    expect(errorLines(validate(clusterTemplate({}), changed))).toEqual([
      'OpenStackClusterTemplate.spec.template.spec: OpenStackClusterTemplate spec.template.spec field is immutable. Please create new resource instead.',
    ]);
    expect(errorLines(validate(clusterTemplate({}), clusterTemplate({})))).toEqual([]);
  });
});
