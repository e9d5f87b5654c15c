import { describe, expect, it } from 'vitest';
import { dqliteRemoveHttpRequest } from '../../src/controllers/microk8scontrolplane/cluster-agent.js';
import { clusterAgentCallerPod } from '../../src/controllers/microk8scontrolplane/pod-cluster-agent.js';
import { upgradePod } from '../../src/controllers/microk8scontrolplane/upgrade-pod.js';
import { snapChannel } from '../../src/controllers/microk8scontrolplane/versions.js';

const request = {
  nodeName: 'cp-1',
  agentAddress: '10.0.0.2',
  removeAddress: '10.0.0.3',
  authToken: 't0ken',
};

describe('cluster agent dqlite removal (request shape of CACPM pkg/clusteragent)', () => {
  it('uses the remapped ports when portCompatibilityRemap is on', () => {
    expect(dqliteRemoveHttpRequest({ ...request, portCompatibilityRemap: true })).toEqual({
      method: 'POST',
      url: 'https://10.0.0.2:30000/cluster/api/v2.0/dqlite/remove',
      headers: { 'capi-auth-token': 't0ken', 'Content-Type': 'application/json' },
      body: '{"remove_endpoint":"10.0.0.3:2379"}',
    });
  });

  it('uses the default ports otherwise, and brackets IPv6', () => {
    const http = dqliteRemoveHttpRequest({ ...request, agentAddress: 'fd00::2', portCompatibilityRemap: false });
    expect(http.url).toBe('https://[fd00::2]:25000/cluster/api/v2.0/dqlite/remove');
    expect(JSON.parse(http.body)).toEqual({ remove_endpoint: '10.0.0.3:19001' });
  });

  it('is sent by a Pod pinned to the remaining node that verifies the agent with the MicroK8s CA', () => {
    const pod = clusterAgentCallerPod({ ...request, portCompatibilityRemap: true }) as unknown as {
      metadata: { name: string };
      spec: { nodeName: string; containers: { args: string[] }[] };
    };
    expect(pod.metadata.name).toBe('cluster-agent-caller-cp-1');
    expect(pod.spec.nodeName).toBe('cp-1');
    const args = pod.spec.containers[0]?.args ?? [];
    expect(args).not.toContain('-k');
    expect(args).toEqual([
      '--cacert',
      '/var/snap/microk8s/current/certs/ca.crt',
      '-X',
      'POST',
      '-H',
      'capi-auth-token: t0ken',
      '-H',
      'Content-Type: application/json',
      '-d',
      '{"remove_endpoint":"10.0.0.3:2379"}',
      'https://10.0.0.2:30000/cluster/api/v2.0/dqlite/remove',
    ]);
  });
});

describe('in-place upgrade', () => {
  it.each([
    ['v1.30.1', undefined, undefined, '1.30/stable'],
    ['v1.30.1', 'candidate', undefined, '1.30/candidate'],
    ['v1.31.0', 'edge', 'strict', '1.31-strict/edge'],
  ])('%s risk %s confinement %s → channel %s', (version, risk, confinement, channel) => {
    expect(snapChannel(version, risk, confinement)).toBe(channel);
  });

  it('refreshes the snap through snapd on the node', () => {
    const pod = upgradePod('cp-1', '1.31/candidate') as unknown as {
      metadata: { name: string; namespace: string };
      spec: Record<string, unknown> & { containers: Record<string, unknown>[] };
    };
    expect(pod.metadata).toMatchObject({ name: 'upgrade-pod-cp-1', namespace: 'default' });
    expect(pod.spec).toMatchObject({
      nodeName: 'cp-1',
      restartPolicy: 'OnFailure',
      volumes: [{ name: 'host', hostPath: { path: '/run/snapd.socket', type: 'Socket' } }],
    });
    expect(pod.spec.containers[0]).toMatchObject({
      image: 'curlimages/curl:7.87.0',
      command: ['curl'],
      securityContext: { privileged: true, runAsUser: 0 },
      args: [
        '-X',
        'POST',
        '-H',
        'Content-Type: application/json',
        '--unix-socket',
        '/run/snapd.socket',
        '-d',
        '{"action":"refresh","channel":"1.31/candidate"}',
        'http://localhost/v2/snaps/microk8s',
      ],
    });
  });
});
