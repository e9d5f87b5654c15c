import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseGoDuration } from '../../src/manager/flags.js';
import {
  FlagError,
  loadKubeConfig,
  type ManagerFlags,
  managerFlagsUsage,
  managerOptionsFromFlags,
  parseManagerFlags,
} from '../../src/manager/index.js';

const defaults = { leaderElectionId: 'capi-test-leader-election' };
const parse = (...argv: string[]) => parseManagerFlags(argv, defaults);

describe('parseManagerFlags', () => {
  it('gives the provider defaults when no flag is set', () => {
    expect(parse()).toEqual<ManagerFlags>({
      leaderElect: false,
      leaderElectionId: 'capi-test-leader-election',
      leaderElectionNamespace: undefined,
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      metricsBindAddress: ':8080',
      healthProbeBindAddress: ':8081',
      webhookPort: 9443,
      webhookCertDir: '/tmp/k8s-webhook-server/serving-certs',
      namespace: undefined,
      concurrency: 10,
      watchFilter: undefined,
      logLevel: 'info',
      kubeconfig: undefined,
      flagsWithoutEffect: [],
    });
    expect(parseManagerFlags([], { ...defaults, concurrency: 3 }).concurrency).toBe(3);
  });

  it('reads every flag in both Go forms, with one or two dashes', () => {
    const flags = parse(
      '--leader-elect',
      '--leader-election-id=other-id',
      '-leader-election-namespace',
      'capi-system',
      '--leader-elect-lease-duration=1m',
      '--leader-elect-renew-deadline',
      '45s',
      '--leader-elect-retry-period=1.5s',
      '--metrics-bind-address=127.0.0.1:0',
      '--health-probe-bind-address',
      '0',
      '--webhook-port=10443',
      '--webhook-cert-dir',
      '/certs',
      '--namespace=tenant-a',
      '--concurrency',
      '4',
      '--watch-filter=shard-1',
      '--log-level=debug',
      '--kubeconfig=/etc/kubeconfig',
    );
    expect(flags).toEqual<ManagerFlags>({
      leaderElect: true,
      leaderElectionId: 'other-id',
      leaderElectionNamespace: 'capi-system',
      leaseDurationMs: 60_000,
      renewDeadlineMs: 45_000,
      retryPeriodMs: 1_500,
      metricsBindAddress: '127.0.0.1:0',
      healthProbeBindAddress: '0',
      webhookPort: 10443,
      webhookCertDir: '/certs',
      namespace: 'tenant-a',
      concurrency: 4,
      watchFilter: 'shard-1',
      logLevel: 'debug',
      kubeconfig: '/etc/kubeconfig',
      flagsWithoutEffect: [],
    });
  });

  it('parses booleans as Go does and lets the last occurrence win', () => {
    expect(parse('--leader-elect=false').leaderElect).toBe(false);
    expect(parse('--leader-elect=T').leaderElect).toBe(true);
    expect(parse('--leader-elect', '--leader-elect=0').leaderElect).toBe(false);
    expect(parse('--concurrency=2', '--concurrency=7').concurrency).toBe(7);
    expect(() => parse('--leader-elect=yes')).toThrow('invalid boolean "yes" for --leader-elect');
  });

  it('treats an empty namespace and watch filter as "all", as clusterctl installs with --namespace=""', () => {
    const flags = parse('--namespace=', '--watch-filter', '');
    expect(flags.namespace).toBeUndefined();
    expect(flags.watchFilter).toBeUndefined();
  });

  it('maps klog verbosity to log levels; the later of --v and --log-level wins', () => {
    expect(parse('--v=0').logLevel).toBe('info');
    expect(parse('--v=2').logLevel).toBe('debug');
    expect(parse('-v', '5').logLevel).toBe('trace');
    expect(parse('--v=4', '--log-level=warn').logLevel).toBe('warn');
    expect(parse('--log-level=warn', '--v=4').logLevel).toBe('debug');
    expect(() => parse('--log-level=loud')).toThrow('invalid --log-level "loud"');
  });

  it.each([
    [['--metrics-addr=:8080'], /unknown flag --metrics-addr; known flags: --leader-elect,/],
    [['extra'], /unexpected argument "extra"/],
    [['--', 'extra'], /unexpected argument "extra"/],
    [['---leader-elect'], /unexpected argument "---leader-elect"/],
    [['--leader-elect', 'false'], /unexpected argument "false"/],
    [['--namespace'], /flag --namespace needs a value/],
    [['--concurrency=two'], /invalid integer "two" for --concurrency/],
    [['--concurrency=0'], /--concurrency must be greater than zero/],
    [['--webhook-port=70000'], /--webhook-port must be a port/],
    [['--leader-elect-lease-duration=15'], /invalid duration "15" for --leader-elect-lease-duration/],
    [['--metrics-bind-address=8080'], /--metrics-bind-address: invalid bind address "8080"/],
    [['--leader-elect-renew-deadline=20s'], /lease-duration must be longer than --leader-elect-renew-deadline/],
    [['--leader-elect-retry-period=9s'], /renew-deadline must be longer than 1.2 × --leader-elect-retry-period/],
  ])('rejects %j with a clear FlagError', (argv, message) => {
    let error: unknown;
    try {
      parse(...argv);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FlagError);
    expect((error as Error).message).toMatch(message);
  });

  it('ends flag parsing at --', () => {
    expect(parse('--concurrency=3', '--').concurrency).toBe(3);
  });
});

describe('parseGoDuration', () => {
  it.each([
    ['0', 0],
    ['300ms', 300],
    ['1.5h', 5_400_000],
    ['2h45m', 9_900_000],
    ['1m30s', 90_000],
    ['.5s', 500],
    ['-2s', -2000],
    ['1500us', 1.5],
    ['2000000ns', 2],
  ])('%s is %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it.each(['', '15', 's', '1d', '1s2', '1 s', '+'])('rejects %j', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});

const KUBECONFIG_YAML = (server: string, namespace?: string) => `
apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: ${server} } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: ctx, context: { cluster: c, user: u${namespace ? `, namespace: ${namespace}` : ''} } }]
current-context: ctx
`;

describe('loadKubeConfig', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'flags-test-'));
    dirs.push(dir);
    return dir;
  };
  const writeKubeconfig = (server: string, namespace?: string) => {
    const file = path.join(tempDir(), 'config');
    writeFileSync(file, KUBECONFIG_YAML(server, namespace));
    return file;
  };

  afterEach(() => {
    vi.unstubAllEnvs();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('prefers --kubeconfig over KUBECONFIG, in-cluster and the home folder', () => {
    vi.stubEnv('KUBECONFIG', writeKubeconfig('https://from-env:6443'));
    const explicit = writeKubeconfig('https://explicit:6443');
    expect(loadKubeConfig({ kubeconfig: explicit }).getCurrentCluster()?.server).toBe('https://explicit:6443');
    expect(loadKubeConfig().getCurrentCluster()?.server).toBe('https://from-env:6443');
  });

  it('uses the mounted service account inside a cluster, before the home folder', () => {
    const root = tempDir();
    const serviceAccount = path.join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(serviceAccount, { recursive: true });
    writeFileSync(path.join(serviceAccount, 'token'), 'token');
    writeFileSync(path.join(serviceAccount, 'namespace'), 'capi-system');
    const home = tempDir();
    mkdirSync(path.join(home, '.kube'));
    writeFileSync(path.join(home, '.kube', 'config'), KUBECONFIG_YAML('https://home:6443'));
    vi.stubEnv('KUBECONFIG', '');
    vi.stubEnv('HOME', home);
    vi.stubEnv('KUBERNETES_SERVICE_HOST', '10.96.0.1');
    vi.stubEnv('KUBERNETES_SERVICE_PORT', '443');

    const config = loadKubeConfig({ inClusterPathPrefix: root });
    expect(config.getCurrentCluster()?.server).toBe('https://10.96.0.1:443');
    expect(config.getContextObject(config.getCurrentContext())?.namespace).toBe('capi-system');

    vi.stubEnv('KUBERNETES_SERVICE_HOST', '');
    expect(loadKubeConfig({ inClusterPathPrefix: root }).getCurrentCluster()?.server).toBe('https://home:6443');
  });

  it('fails with a clear message when there are no credentials at all', () => {
    vi.stubEnv('KUBECONFIG', '');
    vi.stubEnv('KUBERNETES_SERVICE_HOST', '');
    vi.stubEnv('HOME', tempDir());
    expect(() => loadKubeConfig()).toThrow('pass --kubeconfig, set KUBECONFIG or run inside a cluster');
  });
});

describe('managerOptionsFromFlags', () => {
  const kubeConfig = (namespace?: string) => {
    const config = new KubeConfig();
    config.loadFromString(KUBECONFIG_YAML('https://api:6443', namespace));
    return config;
  };

  it('maps the flags to manager options, without leader election by default', () => {
    const flags = parse('--namespace=tenant-a', '--metrics-bind-address=0', '--log-level=warn');
    const options = managerOptionsFromFlags(flags, { kubeConfig: kubeConfig() });
    expect(options.namespace).toBe('tenant-a');
    expect(options.metricsBindAddress).toBe('0');
    expect(options.healthProbeBindAddress).toBe(':8081');
    expect(options.leaderElection).toBeUndefined();
    expect(options.logger?.level).toBe('warn');
  });

  it('puts the Lease in the flag namespace, else in the kubeconfig context namespace', () => {
    const flags = parse('--leader-elect', '--leader-elect-lease-duration=30s');
    expect(managerOptionsFromFlags(flags, { kubeConfig: kubeConfig('from-context') }).leaderElection).toEqual({
      enabled: true,
      id: 'capi-test-leader-election',
      namespace: 'from-context',
      leaseDurationMs: 30_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
    });
    const explicit = parse('--leader-elect', '--leader-election-namespace=capi-system');
    expect(
      managerOptionsFromFlags(explicit, { kubeConfig: kubeConfig('from-context') }).leaderElection?.namespace,
    ).toBe('capi-system');
    expect(() => managerOptionsFromFlags(flags, { kubeConfig: kubeConfig() })).toThrow(FlagError);
  });
});

describe('parseManagerFlags: --help and --version', () => {
  class Printed extends Error {}
  const capture = (...argv: string[]): string => {
    try {
      parseManagerFlags(argv, {
        ...defaults,
        onInformation: (text) => {
          throw new Printed(text);
        },
      });
    } catch (err) {
      if (err instanceof Printed) return err.message;
      throw err;
    }
    throw new Error('nothing was printed');
  };

  it('prints the usage with every flag for --help, -h and -help', () => {
    for (const flag of ['--help', '-h', '-help']) {
      const text = capture('--concurrency=3', flag);
      expect(text).toMatch(/^Usage: \S+ \[flags\]\n/);
      expect(text).toContain('  --leader-elect\n');
      expect(text).toContain('  --concurrency int\n');
      expect(text).toContain('  --leader-elect-lease-duration duration\n');
      expect(text).toContain('  --version');
    }
  });

  it('prints the name and version of the package nearest to the entry script for --version', () => {
    expect(capture('--version')).toMatch(/^\S+ v\d+\.\d+\.\d+\S*\n$/);
  });

  it('answers before a later invalid flag is reached, as Go does, but not after an earlier one', () => {
    expect(capture('--version', '--bogus')).toMatch(/ v/);
    expect(() => capture('--bogus', '--version')).toThrow(FlagError);
  });

  it('refuses a value given to --version', () => {
    expect(() => capture('--version=true')).toThrow(/unknown flag --version/);
  });

  it('lists every flag the parser knows in the usage', () => {
    const known = (() => {
      try {
        parse('--bogus');
      } catch (err) {
        return (err as Error).message.split('known flags: ')[1]?.split(', ') ?? [];
      }
      return [];
    })();
    expect(known.length).toBeGreaterThan(10);
    const usage = managerFlagsUsage('prog');
    expect(usage).toContain('Usage: prog [flags]');
    for (const flag of known) expect(usage).toMatch(new RegExp(`^  ${flag}( |$)`, 'm'));
  });
});
