import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLUSTER_API_VERSION, resolveCapiBinaries } from '../../src/testing/index.js';

describe('resolveCapiBinaries with CAPI_BINARIES', () => {
  let dir: string;
  const saved = process.env.CAPI_BINARIES;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'capi-binaries-'));
    process.env.CAPI_BINARIES = dir;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.CAPI_BINARIES;
    else process.env.CAPI_BINARIES = saved;
  });

  function populate(options: { skip?: string } = {}) {
    for (const name of ['clusterctl', 'cluster-api-manager', 'kubeadm-bootstrap-manager']) {
      if (name === options.skip) continue;
      writeFileSync(path.join(dir, name), '#!/bin/sh\n');
      chmodSync(path.join(dir, name), 0o755);
    }
    const release = path.join(dir, 'cluster-api', `v${CLUSTER_API_VERSION}`);
    mkdirSync(release, { recursive: true });
    for (const file of ['core-components.yaml', 'metadata.yaml']) {
      if (file !== options.skip) writeFileSync(path.join(release, file), 'kind: Namespace\n');
    }
  }

  it('names every binary and the core release in that folder', () => {
    populate();
    expect(resolveCapiBinaries()).toEqual({
      directory: dir,
      clusterctl: path.join(dir, 'clusterctl'),
      coreManager: path.join(dir, 'cluster-api-manager'),
      kubeadmBootstrapManager: path.join(dir, 'kubeadm-bootstrap-manager'),
      coreRelease: path.join(dir, 'cluster-api', `v${CLUSTER_API_VERSION}`),
    });
  });

  it('says which binary is missing and where it was expected', () => {
    populate({ skip: 'cluster-api-manager' });
    expect(() => resolveCapiBinaries()).toThrow(
      `${path.join(dir, 'cluster-api-manager')} is missing or not executable (CAPI_BINARIES=${dir}`,
    );
  });

  it('refuses a binary that is not executable', () => {
    populate();
    chmodSync(path.join(dir, 'clusterctl'), 0o644);
    expect(() => resolveCapiBinaries()).toThrow(/clusterctl is missing or not executable/);
  });

  it('says when the core release is incomplete', () => {
    populate({ skip: 'metadata.yaml' });
    expect(() => resolveCapiBinaries()).toThrow(/cluster-api\/v[\d.]+\/metadata\.yaml is missing/);
  });
});
