import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_SCRIPTS } from '../../src/cloudinit/index.js';

describe('bootstrap scripts', () => {
  it('are the 15 CABPM scripts in its order', () => {
    expect(BOOTSTRAP_SCRIPTS.map(([name]) => name)).toEqual([
      '00-configure-snapstore-proxy.sh',
      '00-configure-snapstore-http-proxy.sh',
      '00-disable-host-services.sh',
      '00-install-microk8s.sh',
      '10-configure-cert-for-lb.sh',
      '10-configure-apiserver.sh',
      '10-configure-calico-ipip.sh',
      '10-configure-cluster-agent-port.sh',
      '10-configure-containerd-proxy.sh',
      '10-configure-dqlite-port.sh',
      '30-configure-traefik.sh',
      '10-configure-kubelet.sh',
      '20-microk8s-enable.sh',
      '20-microk8s-join.sh',
      '50-wait-apiserver.sh',
    ]);
  });

  it.each(BOOTSTRAP_SCRIPTS.map(([name, content]) => [name, content]))('%s is valid bash', (_name, content) => {
    expect(content.startsWith('#!/bin/bash')).toBe(true);
    // `bash -n` parses without running; it throws (non-zero exit) on a syntax error.
    execFileSync('bash', ['-n'], { input: content });
  });
});
