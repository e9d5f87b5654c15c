import { describe, it } from 'vitest';
import { renderCloudConfig } from '../../src/cloudinit/index.js';
import {
  CERT_FILES,
  EVERY_OPTION,
  INIT_DOCUMENTS,
  JOIN_CONTROL_PLANE_DOCUMENT,
  MINIMAL,
  WORKER_DOCUMENT,
} from './fixtures.js';
import { expectGolden } from './golden.js';

// The complete cloud-config per role, minimal and with every option (test/golden/*.cloud-config).

describe.each([
  ['minimal', MINIMAL],
  ['every-option', EVERY_OPTION],
])('%s', (scenario, input) => {
  it('init control plane', () => {
    const writeFiles = [...CERT_FILES, ...input.writeFiles];
    const out = renderCloudConfig({ role: 'init-control-plane', ...input, writeFiles, ...INIT_DOCUMENTS });
    expectGolden(`init-control-plane-${scenario}.cloud-config`, out);
  });
  it('join control plane', () => {
    const writeFiles = [...CERT_FILES, ...input.writeFiles];
    const out = renderCloudConfig({
      role: 'join-control-plane',
      ...input,
      writeFiles,
      joinConfiguration: JOIN_CONTROL_PLANE_DOCUMENT,
    });
    expectGolden(`join-control-plane-${scenario}.cloud-config`, out);
  });
  it('worker', () => {
    const out = renderCloudConfig({ role: 'worker', ...input, joinConfiguration: WORKER_DOCUMENT });
    expectGolden(`worker-${scenario}.cloud-config`, out);
  });
});
