import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, FlagError, type Logger } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { createManager } from '../src/manager.js';

// The manager built from the command line of CAPO v0.14's Deployment, as a user's existing one may hold it: every
// flag CAPO's main.go declares is accepted, and each one that changes nothing here is logged once at start.

const folder = mkdtempSync(path.join(tmpdir(), 'capo-manager-'));
const caCerts = path.join(folder, 'ca.pem');
writeFileSync(caCerts, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');

const kubeconfig = path.join(folder, 'kubeconfig');
writeFileSync(
  kubeconfig,
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]',
    'users: [{name: u, user: {token: t}}]',
    'contexts: [{name: x, context: {cluster: c, user: u, namespace: capo-system}}]',
    'current-context: x',
  ].join('\n'),
);

/** A logger that records the messages of its warnings (and writes nothing). */
function recordingLogger(): { logger: Logger; warnings: Array<{ flag: string; msg: string }> } {
  const warnings: Array<{ flag: string; msg: string }> = [];
  const logger = createLogger({
    level: 'warn',
    hooks: {
      logMethod(args) {
        const [fields, msg] = args as unknown as [{ flag: string }, string];
        warnings.push({ flag: fields.flag, msg });
      },
    },
  });
  return { logger, warnings };
}

const CAPO_ARGS = [
  '--leader-elect',
  '--v=2',
  '--diagnostics-address=:8443',
  '--insecure-diagnostics=false',
  '--feature-gates=PriorityQueue=false,AutoScaleFromZero=false',
  '--health-addr=:9440',
  '--webhook-port=9443',
  '--webhook-cert-dir=/tmp/k8s-webhook-server/serving-certs/',
  '--namespace=',
  '--watch-filter=',
  '--profiler-address=',
  '--openstackcluster-concurrency=2',
  '--openstackmachine-concurrency=3',
  '--openstackmachinetemplate-concurrency=4',
  '--sync-period=10m',
  '--kube-api-qps=20',
  '--kube-api-burst=30',
  '--lb-provider=amphora',
  `--ca-certs=${caCerts}`,
  '--scope-cache-max-size=10',
  '--skip-crd-migration-phases=StorageVersionMigration',
  '--tls-min-version=VersionTLS12',
  '--logging-format=json',
];

describe('createManager', () => {
  it("accepts every flag of CAPO v0.14's manager and logs each one without effect once", () => {
    const { logger, warnings } = recordingLogger();
    expect(createManager([...CAPO_ARGS, `--kubeconfig=${kubeconfig}`], { logger })).toBeDefined();
    expect(warnings.map((w) => w.flag).sort()).toEqual(
      [
        '--diagnostics-address',
        '--feature-gates',
        '--kube-api-burst',
        '--kube-api-qps',
        '--lb-provider',
        '--openstackmachinetemplate-concurrency',
        '--skip-crd-migration-phases',
        '--sync-period',
        '--tls-min-version',
      ].sort(),
    );
    expect(warnings.find((w) => w.flag === '--lb-provider')?.msg).toMatch(
      /^--lb-provider is accepted but has no effect: .*spec\.apiServerLoadBalancer\.provider/,
    );
  });

  it('logs nothing for a command line of flags that all have an effect', () => {
    const { logger, warnings } = recordingLogger();
    createManager(
      ['--metrics-bind-address=0', '--health-addr=0', '--openstackcluster-concurrency=1', `--kubeconfig=${kubeconfig}`],
      { logger },
    );
    expect(warnings).toEqual([]);
  });

  it('still refuses flags CAPO does not have, and bad values of its own', () => {
    expect(() => createManager(['--no-such-flag'])).toThrow(/unknown flag --no-such-flag/);
    expect(() => createManager(['--no-such-flag'])).toThrow(/--lb-provider/);
    expect(() => createManager(['--openstackmachinetemplate-concurrency=0'])).toThrow(FlagError);
  });
});
