import { describe, expect, it } from 'vitest';
import { IGNITION_VERSIONS } from '../../src/api/v1beta2/index.js';
import { renderIgnition } from '../../src/ignition/index.js';
import {
  CERT_FILES,
  EVERY_OPTION,
  INIT_DOCUMENTS,
  JOIN_CONTROL_PLANE_DOCUMENT,
  MINIMAL,
  WORKER_DOCUMENT,
} from '../cloudinit/fixtures.js';
import { expectGolden } from '../cloudinit/golden.js';

// The complete Ignition config per role and spec version, minimal and with every option that Ignition supports
// (test/golden/*.ign, pretty-printed; Ignition rejects bootCommands, inactive users and gzip encodings at admission).

const ignitionOptions = { ...EVERY_OPTION, bootCommands: undefined };

describe.each(IGNITION_VERSIONS)('Ignition %s', (version) => {
  describe.each([
    ['minimal', MINIMAL],
    ['every-option', ignitionOptions],
  ])('%s', (scenario, input) => {
    const roles = {
      'init-control-plane': () =>
        renderIgnition(
          { role: 'init-control-plane', ...input, writeFiles: [...CERT_FILES, ...input.writeFiles], ...INIT_DOCUMENTS },
          version,
        ),
      'join-control-plane': () =>
        renderIgnition(
          {
            role: 'join-control-plane',
            ...input,
            writeFiles: [...CERT_FILES, ...input.writeFiles],
            joinConfiguration: JOIN_CONTROL_PLANE_DOCUMENT,
          },
          version,
        ),
      worker: () => renderIgnition({ role: 'worker', ...input, joinConfiguration: WORKER_DOCUMENT }, version),
    };
    it.each(Object.entries(roles))('%s', (role, render) => {
      const out = render();
      expect((JSON.parse(out) as { ignition: { version: string } }).ignition.version).toBe(version);
      expectGolden(`${role}-${scenario}-${version}.ign`, `${JSON.stringify(JSON.parse(out), null, 2)}\n`);
    });
  });
});

describe('the bootstrap script', () => {
  it.each(IGNITION_VERSIONS)('runs kubeadm with the documents and writes the sentinel file (%s)', (version) => {
    const out = JSON.parse(
      renderIgnition({ role: 'init-control-plane', ...INIT_DOCUMENTS, ...MINIMAL, verbosity: 3 }, version),
    ) as { storage: { files: { path: string; contents: { source: string } }[] } };
    const content = (path: string) =>
      decodeURIComponent(out.storage.files.find((f) => f.path === path)?.contents.source.slice('data:,'.length) ?? '');
    expect(content('/etc/kubeadm.sh')).toContain(
      'kubeadm init --config /etc/kubeadm.yml --v 3\nmkdir -p /run/cluster-api && echo success > /run/cluster-api/bootstrap-success.complete\n',
    );
    expect(content('/etc/kubeadm.yml')).toBe(
      `---\n${INIT_DOCUMENTS.clusterConfiguration}\n---\n${INIT_DOCUMENTS.initConfiguration}`,
    );
  });
});
