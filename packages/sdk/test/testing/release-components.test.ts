import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/client/index.js';
import { buildComponents } from '../../src/release/index.js';
import { componentsManagerIdentity, installedComponents, type TestEnvironment } from '../../src/testing/index.js';
import { sampleSpec } from '../release/sample-provider.js';

// The sample provider without its one required variable, so that every variable has a default.
const components = buildComponents({ ...sampleSpec, manager: { ...sampleSpec.manager, env: [] } });

/** An environment that only issues credentials, recording whom for. */
const credentialsOnly = {
  kubeConfigFor: async (user: string, groups: string[]) => ({ user, groups }),
} as unknown as TestEnvironment;

describe('installed components', () => {
  it('are the rendered components with every variable at its default', () => {
    const objects = installedComponents(components);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(
      components.map((o) => `${o.kind}/${o.metadata.name}`),
    );
    const deployment = JSON.stringify(objects.find((o) => o.kind === 'Deployment'));
    expect(deployment).toContain('--concurrency=10');
    expect(deployment).toContain('registry.example.com/capx-manager:v0.1.0');
  });

  it('refuse components with a required variable left unset', () => {
    expect(() => installedComponents(buildComponents(sampleSpec))).toThrow(/SAMPLE_ENDPOINT/);
  });
});

describe('the manager identity of installed components', () => {
  it("is the Deployment's ServiceAccount in its groups, with loopback flags electing a leader in its namespace", async () => {
    const identity = await componentsManagerIdentity(credentialsOnly, installedComponents(components));
    expect(identity).toEqual({
      namespace: 'capx-system',
      serviceAccountName: 'capx-manager',
      kubeConfig: {
        user: 'system:serviceaccount:capx-system:capx-manager',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:capx-system'],
      },
      managerFlags: [
        '--leader-elect',
        '--leader-election-namespace=capx-system',
        '--metrics-bind-address=127.0.0.1:0',
        '--health-probe-bind-address=127.0.0.1:0',
        '--log-level=silent',
      ],
    });
  });

  it('needs a Deployment with a ServiceAccount', async () => {
    const withoutDeployment: KubeObject[] = installedComponents(components).filter((o) => o.kind !== 'Deployment');
    await expect(componentsManagerIdentity(credentialsOnly, withoutDeployment)).rejects.toThrow(
      'the components have no Deployment with a ServiceAccount',
    );
  });
});
