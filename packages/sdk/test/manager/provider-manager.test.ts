import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { FlagError, type ManagerFlags } from '../../src/manager/flags.js';
import type { Manager } from '../../src/manager/manager.js';
import {
  createProviderManager,
  type ProviderManagerDefinition,
  parseProviderFlags,
  runProviderMain,
} from '../../src/manager/provider-manager.js';
import type { Runnable } from '../../src/manager/runnable.js';

const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'provider-manager-')), 'kubeconfig');
writeFileSync(
  kubeconfig,
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]',
    'users: [{name: u, user: {token: t}}]',
    'contexts: [{name: x, context: {cluster: c, user: u, namespace: provider-system}}]',
    'current-context: x',
  ].join('\n'),
);
const argv = ['--kubeconfig', kubeconfig, '--metrics-bind-address=0', '--health-probe-bind-address=0'];

function runnable(name: string): Runnable {
  return { name, needsLeaderElection: false, start: async () => undefined };
}

function definition(calls: { manager: Manager; flags: ManagerFlags }[]): ProviderManagerDefinition {
  return {
    leaderElectionId: 'example-provider-leader',
    fieldManager: 'example-provider',
    concurrency: 3,
    webhookServer: () => runnable('webhooks-from-flags'),
    setup: (manager, flags) => calls.push({ manager, flags }),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('provider manager', () => {
  it("parses the standard flags with the provider's Lease name and concurrency default", () => {
    const flags = parseProviderFlags(definition([]), [...argv, '--leader-elect']);
    expect(flags).toMatchObject({ leaderElectionId: 'example-provider-leader', concurrency: 3, leaderElect: true });
    expect(parseProviderFlags(definition([]), [...argv, '--concurrency=7']).concurrency).toBe(7);
    expect(() => parseProviderFlags(definition([]), [...argv, '--no-such-flag'])).toThrow(FlagError);
  });

  it('builds the manager from the flags and lets the provider add its controllers', () => {
    const calls: { manager: Manager; flags: ManagerFlags }[] = [];
    const flags = parseProviderFlags(definition(calls), [...argv, '--watch-filter=team-a']);
    const manager = createProviderManager(definition(calls), flags, { logger: silentLogger() });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.manager).toBe(manager);
    expect(calls[0]?.flags.watchFilter).toBe('team-a');
  });

  it('takes a webhook server given by the caller instead of building one', () => {
    const webhookServer = vi.fn(() => runnable('webhooks-from-flags'));
    const flags = parseProviderFlags(definition([]), argv);
    createProviderManager({ ...definition([]), webhookServer }, flags, {
      logger: silentLogger(),
      webhookServer: runnable('given'),
    });
    expect(webhookServer).not.toHaveBeenCalled();
    createProviderManager({ ...definition([]), webhookServer }, flags, { logger: silentLogger() });
    expect(webhookServer).toHaveBeenCalledTimes(1);
  });

  it('ends main with exit code 1 and the flag error on stderr', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    await runProviderMain(() => {
      throw new FlagError('flag provided but not defined: -no-such-flag');
    }, []);
    expect(process.exitCode).toBe(1);
    expect(written).toEqual(['flag provided but not defined: -no-such-flag\n']);
  });
});
