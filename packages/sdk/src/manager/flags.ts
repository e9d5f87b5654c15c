import { existsSync, readFileSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { createLogger, type Logger } from '../log/logger.js';
import { parseBindAddress } from './bind-address.js';
import {
  CLUSTER_API_FLAGS_WITHOUT_EFFECT,
  type FlagWithoutEffect,
  logFlagsWithoutEffect,
  secureDiagnosticsReason,
  TEXT_LOGGING_FORMAT_REASON,
} from './flags-cluster-api.js';
import { DEFAULT_LEADER_ELECTION_TIMINGS } from './leader-election.js';
import type { ManagerOptions } from './manager.js';
import type { ProviderFlagNames } from './take-provider-flags.js';

/** The settings of a provider's manager process, as given by the standard Cluster API provider flags. */
export interface ManagerFlags {
  /** `--leader-elect`: run controllers only on the replica holding the Lease. Default false. */
  leaderElect: boolean;
  /** `--leader-election-id`: name of the Lease. Default from {@link ManagerFlagDefaults}. */
  leaderElectionId: string;
  /** `--leader-election-namespace`: namespace of the Lease; default the namespace of the kubeconfig context. */
  leaderElectionNamespace: string | undefined;
  /** `--leader-elect-lease-duration` (Go duration, e.g. `15s`), in milliseconds. Default 15 000. */
  leaseDurationMs: number;
  /** `--leader-elect-renew-deadline`, in milliseconds. Default 10 000. */
  renewDeadlineMs: number;
  /** `--leader-elect-retry-period`, in milliseconds. Default 2 000. */
  retryPeriodMs: number;
  /**
   * `--metrics-bind-address`: `[host]:port` of `/metrics`, `0` disables it. Default `:8080`. Cluster API's
   * `--diagnostics-address` sets it too when `--insecure-diagnostics` is given (the later of the two flags wins;
   * `--insecure-diagnostics` alone means Cluster API's `:8443`), since this manager serves `/metrics` in plain HTTP.
   */
  metricsBindAddress: string;
  /**
   * `--health-probe-bind-address`, or its Cluster API name `--health-addr` (the later wins): `[host]:port` of
   * `/healthz` and `/readyz`, `0` disables it. Default from {@link ManagerFlagDefaults}, else `:8081`.
   */
  healthProbeBindAddress: string;
  /** `--webhook-port`: port of the webhook server. Default 9443. */
  webhookPort: number;
  /** `--webhook-cert-dir`: folder of `tls.crt` and `tls.key`. Default `/tmp/k8s-webhook-server/serving-certs`. */
  webhookCertDir: string;
  /** `--namespace`: watch only this namespace; all namespaces when empty (clusterctl installs with `""`). */
  namespace: string | undefined;
  /** `--concurrency`: how many objects each controller reconciles at once. Default 10. */
  concurrency: number;
  /** `--watch-filter`: reconcile only objects labelled `cluster.x-k8s.io/watch-filter=<value>`; all when empty. */
  watchFilter: string | undefined;
  /** `--log-level` (a pino level) or `--v` (klog verbosity: 0 info, 1–4 debug, 5+ trace). Default `info`. */
  logLevel: LogLevel;
  /** `--kubeconfig`: path of a kubeconfig file; see {@link loadKubeConfig} for the fallbacks. */
  kubeconfig: string | undefined;
  /**
   * The flags given that are accepted for compatibility with Cluster API's Go managers but change nothing here
   * (e.g. `--sync-period`, `--kube-api-qps`); {@link managerOptionsFromFlags} logs each once.
   */
  flagsWithoutEffect: readonly FlagWithoutEffect[];
}

/** The log levels `--log-level` accepts (pino's). */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Per-provider defaults of {@link parseManagerFlags}. */
export interface ManagerFlagDefaults {
  /** Lease name, unique per provider, e.g. `controller-leader-election-capi-incus`. */
  leaderElectionId: string;
  /** Default 10, as Cluster API providers use. */
  concurrency?: number;
  /** Default of `--health-probe-bind-address` (`--health-addr`): the Go provider's, e.g. `:9440`. Default `:8081`. */
  healthProbeBindAddress?: string;
  /**
   * The provider's own flags, taken out of the command line before this parser runs (see {@link takeProviderFlags}):
   * listed by `--help` and in the message about an unknown flag.
   */
  providerFlags?: ProviderFlagNames;
  /**
   * Called with what `--help` (`-h`) or `--version` prints. Default: write it to stdout and exit 0, as Go's flag
   * package does for `-help`; the program is named after the `package.json` nearest to the entry script.
   */
  onInformation?: (text: string) => never;
}

/** A command line that {@link parseManagerFlags} cannot accept; the message says which flag and why. */
export class FlagError extends Error {
  override readonly name = 'FlagError';
}

/** How a flag's value is read: Go's `flag` types. */
export type FlagKind = 'bool' | 'string' | 'int' | 'float' | 'duration';

/** The flags this SDK implements. */
const SDK_FLAG_KINDS: Readonly<Record<string, FlagKind>> = {
  'leader-elect': 'bool',
  'leader-election-id': 'string',
  'leader-election-namespace': 'string',
  'leader-elect-lease-duration': 'duration',
  'leader-elect-renew-deadline': 'duration',
  'leader-elect-retry-period': 'duration',
  'metrics-bind-address': 'string',
  'health-probe-bind-address': 'string',
  'health-addr': 'string',
  'diagnostics-address': 'string',
  'insecure-diagnostics': 'bool',
  'webhook-port': 'int',
  'webhook-cert-dir': 'string',
  namespace: 'string',
  concurrency: 'int',
  'watch-filter': 'string',
  v: 'int',
  'log-level': 'string',
  'logging-format': 'string',
  kubeconfig: 'string',
};

/** Every flag {@link parseManagerFlags} accepts: the SDK's own, then Cluster API's that have no effect here. */
const FLAG_KINDS: Readonly<Record<string, FlagKind>> = {
  ...SDK_FLAG_KINDS,
  ...Object.fromEntries(Object.entries(CLUSTER_API_FLAGS_WITHOUT_EFFECT).map(([name, { kind }]) => [name, kind])),
};

/** Flags that print something and end the program instead of configuring it. */
const INFORMATION_FLAGS: ReadonlySet<string> = new Set(['help', 'h', 'version']);

const usageLine = (name: string, kind: FlagKind | 'value') => `  --${name}${kind === 'bool' ? '' : ` ${kind}`}`;

/** A provider's own flags, in the order of its {@link ProviderFlagNames}: value flags, then booleans. */
function providerFlagKinds(names: ProviderFlagNames | undefined): [string, 'value' | 'bool'][] {
  return [
    ...[...(names?.values ?? [])].map((name): [string, 'value'] => [name, 'value']),
    ...[...(names?.booleans ?? [])].map((name): [string, 'bool'] => [name, 'bool']),
  ];
}

/**
 * The `--help` text of a manager built with {@link parseManagerFlags}: the standard flags, those accepted for
 * compatibility with Cluster API's Go managers without effect here, and the provider's own flags when given.
 */
export function managerFlagsUsage(program: string, providerFlags?: ProviderFlagNames): string {
  const own = providerFlagKinds(providerFlags);
  return [
    `Usage: ${program} [flags]`,
    '',
    'Flags (--name=value or --name value; booleans as --name or --name=false):',
    ...Object.entries(SDK_FLAG_KINDS).map(([name, kind]) => usageLine(name, kind)),
    '  --help, -h    print this help and exit',
    '  --version     print the version and exit',
    ...(own.length > 0 ? ['', "The provider's own flags:", ...own.map(([name, kind]) => usageLine(name, kind))] : []),
    '',
    "Accepted as Cluster API's Go managers accept them, without effect here (the manager logs each one given):",
    ...Object.entries(CLUSTER_API_FLAGS_WITHOUT_EFFECT).map(([name, { kind }]) => usageLine(name, kind)),
    '',
  ].join('\n');
}

/**
 * Name and version of the `package.json` nearest to the entry script (`process.argv[1]`): the provider's own package
 * when run from source, the one written next to the bundle in an image.
 */
function programPackage(): { name: string; version: string } {
  const entry = process.argv[1];
  for (let dir = entry ? path.dirname(path.resolve(entry)) : process.cwd(); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const { name, version } = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      return { name: typeof name === 'string' ? name : 'manager', version: String(version ?? 'unknown') };
    }
    if (path.dirname(dir) === dir) return { name: 'manager', version: 'unknown' };
  }
}

function printAndExit(text: string): never {
  // Synchronous, so that nothing is lost when the process exits right after.
  writeSync(1, text);
  process.exit(0);
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Parses the standard flags of a Cluster API provider's manager the way Go's `flag` package does:
 * `--flag=value` or `--flag value` (one or two leading dashes), booleans as `--flag` or `--flag=false`, the last
 * occurrence of a repeated flag wins, `--` ends the flags. Unknown flags, positional arguments, malformed values
 * and inconsistent leader election timings throw a {@link FlagError}. `--help` (`-h`) and `--version` hand their text
 * to `defaults.onInformation` (by default: print it and exit 0). Otherwise pure: reads nothing but `argv`.
 *
 * The common flags of Cluster API's Go managers are accepted too, so that the arguments of a Go provider's
 * Deployment start this manager: `--health-addr` and `--diagnostics-address` (with `--insecure-diagnostics`) set the
 * health probe and metrics addresses, and those without a counterpart here (`--sync-period`, `--kube-api-qps`, ...)
 * are listed in {@link ManagerFlags.flagsWithoutEffect}.
 *
 * ```ts
 * const flags = parseManagerFlags(process.argv.slice(2), { leaderElectionId: 'capi-inmemory-leader-election' });
 * const manager = new Manager(managerOptionsFromFlags(flags));
 * ```
 */
export function parseManagerFlags(argv: readonly string[], defaults: ManagerFlagDefaults): ManagerFlags {
  const { values, written } = readFlags(argv, defaults);
  const text = (name: string): string | undefined => values.get(name) as string | undefined;
  const nonEmpty = (name: string): string | undefined => text(name) || undefined;
  const metricsBindAddress = metricsAddress(values);
  const health = latest(values, ['health-probe-bind-address', 'health-addr']);
  const flags: ManagerFlags = {
    leaderElect: (values.get('leader-elect') as boolean | undefined) ?? false,
    leaderElectionId: nonEmpty('leader-election-id') ?? defaults.leaderElectionId,
    leaderElectionNamespace: nonEmpty('leader-election-namespace'),
    leaseDurationMs: positive('leader-elect-lease-duration', values, DEFAULT_LEADER_ELECTION_TIMINGS.leaseDurationMs),
    renewDeadlineMs: positive('leader-elect-renew-deadline', values, DEFAULT_LEADER_ELECTION_TIMINGS.renewDeadlineMs),
    retryPeriodMs: positive('leader-elect-retry-period', values, DEFAULT_LEADER_ELECTION_TIMINGS.retryPeriodMs),
    metricsBindAddress,
    healthProbeBindAddress: health
      ? bindAddress(health.name, health.value as string)
      : (defaults.healthProbeBindAddress ?? ':8081'),
    webhookPort: port('webhook-port', values.get('webhook-port') as number | undefined),
    webhookCertDir: nonEmpty('webhook-cert-dir') ?? '/tmp/k8s-webhook-server/serving-certs',
    namespace: nonEmpty('namespace'),
    concurrency: positive('concurrency', values, defaults.concurrency ?? 10),
    watchFilter: nonEmpty('watch-filter'),
    logLevel: logLevel(values),
    kubeconfig: nonEmpty('kubeconfig'),
    flagsWithoutEffect: flagsWithoutEffect(values, written, metricsBindAddress),
  };
  if (flags.leaseDurationMs <= flags.renewDeadlineMs) {
    throw new FlagError('--leader-elect-lease-duration must be longer than --leader-elect-renew-deadline');
  }
  if (flags.renewDeadlineMs <= 1.2 * flags.retryPeriodMs) {
    throw new FlagError('--leader-elect-renew-deadline must be longer than 1.2 × --leader-elect-retry-period');
  }
  return flags;
}

type FlagValues = Map<string, string | number | boolean>;

/**
 * Flag name → value (typed by its kind) and → value as written, in the order of each flag's last occurrence, so
 * that the last occurrence wins and the later of two related flags can be told. Names are normalised as Cluster
 * API's managers normalise them (`_` → `-`).
 */
function readFlags(
  argv: readonly string[],
  defaults: ManagerFlagDefaults,
): { values: FlagValues; written: Map<string, string> } {
  const onInformation = defaults.onInformation ?? printAndExit;
  const values: FlagValues = new Map();
  const written = new Map<string, string>();
  const set = (name: string, value: string | number | boolean, raw: string) => {
    values.delete(name);
    values.set(name, value);
    written.set(name, raw);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      if (i + 1 < argv.length) throw new FlagError(`unexpected argument "${argv[i + 1]}"`);
      break;
    }
    const match = /^--?([^-=][^=]*)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new FlagError(`unexpected argument "${arg}": flags start with -- and arguments are not accepted`);
    const name = (match[1] as string).replaceAll('_', '-');
    if (INFORMATION_FLAGS.has(name) && match[2] === undefined) {
      const program = programPackage();
      onInformation(
        name === 'version'
          ? `${program.name} v${program.version}\n`
          : managerFlagsUsage(program.name, defaults.providerFlags),
      );
    }
    const kind = FLAG_KINDS[name];
    if (!kind) {
      const known = [...Object.keys(FLAG_KINDS), ...providerFlagKinds(defaults.providerFlags).map(([flag]) => flag)]
        .map((flag) => `--${flag}`)
        .join(', ');
      throw new FlagError(`unknown flag --${name}; known flags: ${known}`);
    }
    let raw = match[2];
    if (raw === undefined && kind === 'bool') {
      set(name, true, 'true');
      continue;
    }
    if (raw === undefined) {
      if (i + 1 >= argv.length) throw new FlagError(`flag --${name} needs a value`);
      raw = argv[++i] as string;
    }
    set(name, convert(name, kind, raw), raw);
  }
  return { values, written };
}

/** Which of `names` the command line gave last, with its value. */
function latest(
  values: FlagValues,
  names: readonly string[],
): { name: string; value: string | number | boolean } | undefined {
  let found: { name: string; value: string | number | boolean } | undefined;
  for (const [name, value] of values) if (names.includes(name)) found = { name, value };
  return found;
}

/** Where `/metrics` is served: see {@link ManagerFlags.metricsBindAddress}. */
function metricsAddress(values: FlagValues): string {
  const diagnostics = values.get('diagnostics-address') as string | undefined;
  if (diagnostics !== undefined) bindAddress('diagnostics-address', diagnostics);
  const insecure = values.get('insecure-diagnostics') === true;
  const given = latest(values, insecure ? ['metrics-bind-address', 'diagnostics-address'] : ['metrics-bind-address']);
  if (given) return bindAddress(given.name, given.value as string);
  return insecure ? ':8443' : ':8080';
}

/** The flags given that change nothing here; see {@link ManagerFlags.flagsWithoutEffect}. */
function flagsWithoutEffect(
  values: FlagValues,
  written: ReadonlyMap<string, string>,
  metricsBindAddress: string,
): FlagWithoutEffect[] {
  const found: FlagWithoutEffect[] = [];
  const add = (name: string, reason: string) =>
    found.push({ flag: `--${name}`, value: written.get(name) ?? '', reason });
  for (const [name, value] of values) {
    const compatibility = CLUSTER_API_FLAGS_WITHOUT_EFFECT[name];
    if (compatibility && value !== '') add(name, compatibility.reason);
  }
  const format = values.get('logging-format');
  if (format !== undefined && format !== 'json') {
    if (format !== 'text') throw new FlagError(`invalid --logging-format "${format}": json or text`);
    add('logging-format', TEXT_LOGGING_FORMAT_REASON);
  }
  if (values.has('diagnostics-address') && values.get('insecure-diagnostics') !== true) {
    add('diagnostics-address', secureDiagnosticsReason(metricsBindAddress));
  }
  return found;
}

function convert(name: string, kind: FlagKind, raw: string): string | number | boolean {
  switch (kind) {
    case 'bool': {
      if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(raw)) return true;
      if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(raw)) return false;
      throw new FlagError(`invalid boolean "${raw}" for --${name}`);
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw)) throw new FlagError(`invalid integer "${raw}" for --${name}`);
      return Number(raw);
    }
    case 'float': {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw))
        throw new FlagError(`invalid number "${raw}" for --${name}`);
      return Number(raw);
    }
    case 'duration': {
      const ms = parseGoDuration(raw);
      if (ms === undefined)
        throw new FlagError(`invalid duration "${raw}" for --${name}: use Go syntax, e.g. 15s or 1m30s`);
      return ms;
    }
    default:
      return raw;
  }
}

const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's `time.ParseDuration` (`300ms`, `1.5h`, `2h45m`, `0`), in milliseconds; `undefined` when malformed. */
export function parseGoDuration(text: string): number | undefined {
  const match = /^([-+]?)(.+)$/.exec(text);
  if (!match) return undefined;
  const [, sign, body] = match as unknown as [string, string, string];
  if (body === '0') return 0;
  let total = 0;
  let rest = body;
  while (rest.length > 0) {
    const part = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!part) return undefined;
    total += Number(part[1]) * (DURATION_UNITS_MS[part[2] as string] as number);
    rest = rest.slice(part[0].length);
  }
  return sign === '-' ? -total : total;
}

function positive(name: string, values: FlagValues, fallback: number): number {
  const value = values.get(name) as number | undefined;
  if (value === undefined) return fallback;
  if (value <= 0) throw new FlagError(`--${name} must be greater than zero`);
  return value;
}

function port(name: string, value: number | undefined): number {
  if (value === undefined) return 9443;
  if (value < 0 || value > 65535) throw new FlagError(`--${name} must be a port between 0 and 65535`);
  return value;
}

function bindAddress(name: string, value: string): string {
  try {
    parseBindAddress(value);
  } catch (err) {
    throw new FlagError(`--${name}: ${(err as Error).message}`);
  }
  return value;
}

function logLevel(values: FlagValues): LogLevel {
  let level: LogLevel = 'info';
  for (const [name, value] of values) {
    if (name === 'v') {
      const verbosity = value as number;
      if (verbosity < 0) throw new FlagError('--v must not be negative');
      level = verbosity === 0 ? 'info' : verbosity < 5 ? 'debug' : 'trace';
    } else if (name === 'log-level') {
      if (!LOG_LEVELS.includes(value as LogLevel)) {
        throw new FlagError(`invalid --log-level "${value}": one of ${LOG_LEVELS.join(', ')}`);
      }
      level = value as LogLevel;
    }
  }
  return level;
}

/** Where {@link loadKubeConfig} looks besides the process environment. */
export interface LoadKubeConfigOptions {
  /** A kubeconfig file given explicitly (`--kubeconfig`): it wins over everything else. */
  kubeconfig?: string;
  /**
   * Prefix of the service account folder `/var/run/secrets/kubernetes.io/serviceaccount` (a test runs the
   * in-cluster path against files in a temporary folder). Default none.
   */
  inClusterPathPrefix?: string;
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Loads the API server credentials as controller-runtime's `config.GetConfig` does, first match wins:
 * 1. `options.kubeconfig` (the `--kubeconfig` flag);
 * 2. `KUBECONFIG` (several files separated by `:` are merged);
 * 3. in-cluster: `KUBERNETES_SERVICE_HOST`/`_PORT` and the mounted service account token;
 * 4. `$HOME/.kube/config`.
 * Throws when none applies.
 */
export function loadKubeConfig(options: LoadKubeConfigOptions = {}): KubeConfig {
  const config = new KubeConfig();
  if (options.kubeconfig) {
    config.loadFromFile(options.kubeconfig);
    return config;
  }
  if (process.env.KUBECONFIG) {
    config.loadFromDefault();
    return config;
  }
  const prefix = options.inClusterPathPrefix ?? '';
  if (process.env.KUBERNETES_SERVICE_HOST && existsSync(`${prefix}${SERVICE_ACCOUNT_TOKEN}`)) {
    config.loadFromCluster(prefix);
    return config;
  }
  const home = path.join(homedir(), '.kube', 'config');
  if (existsSync(home)) {
    config.loadFromFile(home);
    return config;
  }
  throw new Error('no Kubernetes credentials: pass --kubeconfig, set KUBECONFIG or run inside a cluster');
}

/** What {@link managerOptionsFromFlags} does not take from the flags. */
export interface ManagerOptionsOverrides {
  /** Credentials; default {@link loadKubeConfig} with `flags.kubeconfig`. */
  kubeConfig?: KubeConfig;
  /** Root logger; default a JSON logger at `flags.logLevel`. */
  logger?: Logger;
  /** Field manager of the manager's writes. */
  fieldManager?: string;
  /** The webhook server, built with `flags.webhookPort` and `flags.webhookCertDir`. */
  webhookServer?: ManagerOptions['webhookServer'];
}

/**
 * The {@link ManagerOptions} the flags describe (and a warning logged for each flag given without effect, see
 * {@link ManagerFlags.flagsWithoutEffect}): credentials ({@link loadKubeConfig}), a logger at the flag's level,
 * the cache namespace, the metrics and health probe addresses and leader election. The Lease lives in
 * `--leader-election-namespace`, else in the namespace of the kubeconfig context (the pod's namespace in a
 * cluster); with `--leader-elect` and neither, this throws, as controller-runtime does outside a cluster.
 */
export function managerOptionsFromFlags(flags: ManagerFlags, overrides: ManagerOptionsOverrides = {}): ManagerOptions {
  const kubeConfig = overrides.kubeConfig ?? loadKubeConfig({ kubeconfig: flags.kubeconfig });
  const logger = overrides.logger ?? createLogger({ level: flags.logLevel });
  logFlagsWithoutEffect(logger, flags.flagsWithoutEffect);
  const options: ManagerOptions = {
    kubeConfig,
    logger,
    metricsBindAddress: flags.metricsBindAddress,
    healthProbeBindAddress: flags.healthProbeBindAddress,
  };
  if (flags.namespace) options.namespace = flags.namespace;
  if (overrides.fieldManager) options.fieldManager = overrides.fieldManager;
  if (overrides.webhookServer) options.webhookServer = overrides.webhookServer;
  if (flags.leaderElect) {
    const namespace =
      flags.leaderElectionNamespace ?? kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace;
    if (!namespace) {
      throw new FlagError('--leader-elect needs --leader-election-namespace when not running inside a cluster');
    }
    options.leaderElection = {
      enabled: true,
      id: flags.leaderElectionId,
      namespace,
      leaseDurationMs: flags.leaseDurationMs,
      renewDeadlineMs: flags.renewDeadlineMs,
      retryPeriodMs: flags.retryPeriodMs,
    };
  }
  return options;
}
