import { KubeConfig } from '@kubernetes/client-node';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  CLUSTER_API_FLAGS_WITHOUT_EFFECT,
  FlagError,
  managerFlagsUsage,
  managerOptionsFromFlags,
  parseManagerFlags,
} from '../../src/manager/index.js';

const defaults = { leaderElectionId: 'capi-test-leader-election' };
const parse = (...argv: string[]) => parseManagerFlags(argv, defaults);
const flagNames = (argv: string[]) => parse(...argv).flagsWithoutEffect.map((f) => f.flag);

// The arguments of Cluster API's own manager Deployments and of a Go provider's (CAPO v0.14's, with the flags its
// main.go declares through sigs.k8s.io/cluster-api/util/flags and k8s.io/component-base/logs).
const GO_MANAGER_ARGS = [
  '--leader-elect',
  '--v=2',
  '--diagnostics-address=:8443',
  '--insecure-diagnostics=false',
  '--health-addr=:9440',
  '--webhook-port=9443',
  '--webhook-cert-dir=/tmp/k8s-webhook-server/serving-certs/',
  '--sync-period=10m',
  '--kube-api-qps=20',
  '--kube-api-burst',
  '30',
  '--profiler-address=',
  '--feature-gates=PriorityQueue=false,AutoScaleFromZero=false',
  '--skip-crd-migration-phases=StorageVersionMigration',
  '--tls-min-version=VersionTLS12',
  '--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  '--logging-format=json',
  '--log-flush-frequency=5s',
  '--vmodule=controller=4',
  '--log_json_split_stream=false',
];

describe("Cluster API's manager flags", () => {
  it("accepts a Go manager's arguments and wires the ones with a meaning here", () => {
    const flags = parse(...GO_MANAGER_ARGS);
    expect(flags.leaderElect).toBe(true);
    expect(flags.logLevel).toBe('debug');
    expect(flags.healthProbeBindAddress).toBe(':9440');
    expect(flags.metricsBindAddress).toBe(':8080');
    expect(flags.webhookPort).toBe(9443);
  });

  it('reports each flag given that has no effect, once, with its value as written and the reason', () => {
    const { flagsWithoutEffect } = parse(...GO_MANAGER_ARGS);
    expect(flagsWithoutEffect.map((f) => f.flag)).toEqual([
      '--sync-period',
      '--kube-api-qps',
      '--kube-api-burst',
      '--feature-gates',
      '--skip-crd-migration-phases',
      '--tls-min-version',
      '--tls-cipher-suites',
      '--log-flush-frequency',
      '--vmodule',
      '--log-json-split-stream',
      '--diagnostics-address',
    ]);
    expect(flagsWithoutEffect[0]).toEqual({
      flag: '--sync-period',
      value: '10m',
      reason: expect.stringMatching(/informers do not resync/),
    });
    expect(flagsWithoutEffect.at(-1)?.reason).toMatch(/plain HTTP on --metrics-bind-address :8080 instead/);
  });

  it('serves /metrics on --diagnostics-address only with --insecure-diagnostics, the later address flag winning', () => {
    expect(parse('--diagnostics-address=127.0.0.1:9000', '--insecure-diagnostics').metricsBindAddress).toBe(
      '127.0.0.1:9000',
    );
    expect(parse('--insecure-diagnostics=true').metricsBindAddress).toBe(':8443');
    expect(parse('--diagnostics-address=:9000', '--insecure-diagnostics', '--metrics-bind-address=0')).toMatchObject({
      metricsBindAddress: '0',
      flagsWithoutEffect: [],
    });
    expect(parse('--metrics-bind-address=0', '--diagnostics-address=:9000', '--insecure-diagnostics')).toMatchObject({
      metricsBindAddress: ':9000',
    });
    expect(parse('--diagnostics-address=:9000').metricsBindAddress).toBe(':8080');
    expect(() => parse('--diagnostics-address=9000')).toThrow('--diagnostics-address: invalid bind address "9000"');
  });

  it('takes --health-addr as --health-probe-bind-address (the later wins) over the provider default', () => {
    const withDefault = (...argv: string[]) =>
      parseManagerFlags(argv, { ...defaults, healthProbeBindAddress: ':9440' }).healthProbeBindAddress;
    expect(withDefault()).toBe(':9440');
    expect(withDefault('--health-addr=:9441')).toBe(':9441');
    expect(withDefault('--health-addr=:9441', '--health-probe-bind-address=:8081')).toBe(':8081');
    expect(withDefault('--health-probe-bind-address=:8081', '--health-addr=0')).toBe('0');
    expect(parse().healthProbeBindAddress).toBe(':8081');
  });

  it('lets the last of --v and --log-level win, counting repeated flags by their last occurrence', () => {
    expect(parse('--v=4', '--log-level=warn', '--v=0').logLevel).toBe('info');
  });

  it('leaves empty values and JSON logging unreported; refuses an unknown logging format and malformed numbers', () => {
    expect(flagNames(['--profiler-address=', '--feature-gates=', '--logging-format=json'])).toEqual([]);
    expect(flagNames(['--logging-format=text'])).toEqual(['--logging-format']);
    expect(() => parse('--logging-format=yaml')).toThrow(FlagError);
    expect(() => parse('--kube-api-qps=fast')).toThrow('invalid number "fast" for --kube-api-qps');
    expect(() => parse('--sync-period=10')).toThrow(/invalid duration "10" for --sync-period/);
    expect(parse('--kube-api-qps=12.5').flagsWithoutEffect[0]?.value).toBe('12.5');
  });

  it('logs a warning per flag without effect when the manager options are built', () => {
    const lines: Array<{ level: number; flag?: string; msg: string }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'c', server: 'https://api:6443' }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    managerOptionsFromFlags(parse('--sync-period=5m', '--kube-api-burst=3', '--v=1'), { kubeConfig, logger });
    expect(lines.map((l) => [l.level, l.flag, l.msg])).toEqual([
      [40, '--sync-period', expect.stringMatching(/^--sync-period is accepted but has no effect: /)],
      [40, '--kube-api-burst', expect.stringMatching(/^--kube-api-burst is accepted but has no effect: /)],
    ]);
  });

  it('lists the flags accepted without effect, and the provider flags, in --help and the unknown-flag message', () => {
    const usage = managerFlagsUsage('prog', { values: ['ca-certs'], booleans: ['gzip'] });
    for (const name of Object.keys(CLUSTER_API_FLAGS_WITHOUT_EFFECT)) expect(usage).toMatch(`\n  --${name}`);
    expect(usage).toContain("The provider's own flags:\n  --ca-certs value\n  --gzip\n");
    expect(usage).toContain('  --diagnostics-address string\n  --insecure-diagnostics\n');
    expect(() => parseManagerFlags(['--bogus'], { ...defaults, providerFlags: { values: ['ca-certs'] } })).toThrow(
      /known flags: .*--sync-period, .*--ca-certs$/,
    );
  });
});
