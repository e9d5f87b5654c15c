import { describe, it } from 'vitest';
import {
  initControlPlaneCloudConfig,
  joinControlPlaneCloudConfig,
  renderCloudConfig,
  workerCloudConfig,
} from '../../src/cloudinit/index.js';
import { AUTH_TOKEN, CA, defaulted, EVERY_OPTION, TOKEN } from './fixtures.js';
import { expectGolden } from './golden.js';

// The complete user data per role, with defaults and with every option set (test/golden/*.user-data, not YAML-formatted by the linter).

const scenarios = { defaults: defaulted({ initConfiguration: {} }), 'every-option': EVERY_OPTION };
const common = { kubernetesVersion: 'v1.30.2', controlPlaneEndpoint: 'k8s.my-domain.com', joinToken: TOKEN };
const joinNodeIps = ['10.0.3.39', '10.0.3.40'];

describe.each(Object.entries(scenarios))('%s', (scenario, spec) => {
  it('init control plane', () => {
    const config = initControlPlaneCloudConfig({ ...common, spec, authToken: AUTH_TOKEN, ca: CA });
    expectGolden(`init-control-plane-${scenario}.user-data`, renderCloudConfig(config));
  });
  it('join control plane', () => {
    const config = joinControlPlaneCloudConfig({ ...common, spec, authToken: AUTH_TOKEN, joinNodeIps });
    expectGolden(`join-control-plane-${scenario}.user-data`, renderCloudConfig(config));
  });
  it('worker', () => {
    const config = workerCloudConfig({ ...common, spec, joinNodeIps });
    expectGolden(`worker-${scenario}.user-data`, renderCloudConfig(config));
  });
});

it('the CABPM template golden: write_files, runcmd, bootcmd in that order', () => {
  const rendered = renderCloudConfig({
    writeFiles: [{ content: 'test file', path: '/run/a.tmp', permissions: '0600', owner: 'root:root' }],
    runCommands: ['foo', 'bar: test'],
    bootCommands: ['baz'],
  });
  expectGolden('cabpm-template.user-data', rendered);
});
