import type { Logger } from '../log/logger.js';
import type { FlagKind } from './flags.js';

/** A flag the command line gave that the manager accepts but that changes nothing, and why. */
export interface FlagWithoutEffect {
  /** The flag, e.g. `--sync-period`. */
  readonly flag: string;
  /** Its value as written. */
  readonly value: string;
  readonly reason: string;
}

const NO_THROTTLING = 'the API client does not throttle its requests';
const JSON_LOGS = 'logs are JSON lines written at once by pino: only their level is set, by --v or --log-level';
const NODE_TLS = "the webhook server keeps Node.js' TLS defaults (TLS 1.2 or later, Node.js' cipher suites and curves)";

/**
 * The flags every Cluster API Go manager accepts (`sigs.k8s.io/cluster-api/util/flags`' manager options, the
 * Kubernetes logging flags of `k8s.io/component-base/logs`, and those each provider's `main.go` declares) that have no
 * counterpart here. They are accepted, so that the arguments of an existing Deployment of a Go provider start this
 * manager, and each one given is reported as without effect (see {@link logFlagsWithoutEffect}).
 */
export const CLUSTER_API_FLAGS_WITHOUT_EFFECT: Readonly<Record<string, { kind: FlagKind; reason: string }>> = {
  'sync-period': {
    kind: 'duration',
    reason: 'the informers do not resync: objects are reconciled on watch events, relists and requested requeues',
  },
  'kube-api-qps': { kind: 'float', reason: NO_THROTTLING },
  'kube-api-burst': { kind: 'int', reason: NO_THROTTLING },
  'profiler-address': { kind: 'string', reason: 'there is no pprof profiler in a Node.js manager' },
  'tls-min-version': { kind: 'string', reason: NODE_TLS },
  'tls-cipher-suites': { kind: 'string', reason: NODE_TLS },
  'tls-curve-preferences': { kind: 'string', reason: NODE_TLS },
  'feature-gates': {
    kind: 'string',
    reason: "this manager has no feature gates: each feature behaves as its gate's default",
  },
  'skip-crd-migration-phases': { kind: 'string', reason: 'this manager runs no CRD storage version migration' },
  vmodule: { kind: 'string', reason: JSON_LOGS },
  'log-flush-frequency': { kind: 'duration', reason: JSON_LOGS },
  'log-text-split-stream': { kind: 'bool', reason: JSON_LOGS },
  'log-text-info-buffer-size': { kind: 'string', reason: JSON_LOGS },
  'log-json-split-stream': { kind: 'bool', reason: JSON_LOGS },
  'log-json-info-buffer-size': { kind: 'string', reason: JSON_LOGS },
};

/** Why `--logging-format=text` changes nothing. */
export const TEXT_LOGGING_FORMAT_REASON = 'logs are always JSON';

/**
 * Why `--diagnostics-address` without `--insecure-diagnostics` changes nothing: Cluster API serves its diagnostics
 * there over HTTPS behind Kubernetes authentication and authorization, which this manager does not implement, so it
 * does not serve `/metrics` there in plain HTTP either.
 */
export function secureDiagnosticsReason(metricsBindAddress: string): string {
  return (
    'the authenticated HTTPS diagnostics endpoint is not implemented; /metrics is served over plain HTTP on ' +
    `--metrics-bind-address ${metricsBindAddress} instead (--insecure-diagnostics serves it on this address)`
  );
}

/** Logs each flag without effect once, as a warning: a flag is never ignored silently. */
export function logFlagsWithoutEffect(logger: Logger, flags: readonly FlagWithoutEffect[]): void {
  for (const { flag, value, reason } of flags) {
    logger.warn({ flag, value }, `${flag} is accepted but has no effect: ${reason}`);
  }
}
