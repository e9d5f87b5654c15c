import { builtin, encodeSecretValue, type KubeClient, type Secret, secretValue } from '@capi-ts/sdk';
import {
  type BootstrapToken,
  bootstrapTokenSecretData,
  bootstrapTokenSecretName,
  formatBootstrapToken,
  generateBootstrapToken,
  parseBootstrapToken,
  tokenNeedsRefresh,
  tokenNeedsRotation,
} from './bootstrap-token.js';

// Bootstrap tokens live in the workload cluster (`kube-system/bootstrap-token-<id>`), as CABPK's token.go.

const NAMESPACE = 'kube-system';
const BOOTSTRAP_TOKEN_SECRET_TYPE = 'bootstrap.kubernetes.io/token';

function tokenSecret(token: BootstrapToken, now: Date, ttlSeconds: number): Secret {
  const data = bootstrapTokenSecretData(token, now, ttlSeconds);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace: NAMESPACE, name: bootstrapTokenSecretName(token.id) },
    type: BOOTSTRAP_TOKEN_SECRET_TYPE,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, encodeSecretValue(v)])),
  };
}

/** Creates a new bootstrap token valid for `ttlSeconds` in the workload cluster; returns `<id>.<secret>`. */
export async function createWorkloadToken(workload: KubeClient, ttlSeconds: number, now = new Date()): Promise<string> {
  const token = generateBootstrapToken();
  await workload.create(builtin.secret, tokenSecret(token, now, ttlSeconds));
  return formatBootstrapToken(token);
}

/** What {@link refreshWorkloadToken} found. */
export type TokenState = 'valid' | 'refreshed' | 'missing' | 'rotate';

function expirationOf(secret: Readonly<Secret>): Date | undefined {
  const text = secretValue(secret, 'expiration')?.toString('utf8');
  const date = text ? new Date(text) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/**
 * Keeps a token usable: extends its expiration to `now + ttl` once less than 5/6 of the TTL remains. With
 * `rotate` (MachinePools with nodes) the token is never extended: less than half its TTL left is reported as
 * `rotate`, so the caller replaces it. A token whose Secret is gone is `missing`.
 */
export async function refreshWorkloadToken(
  workload: KubeClient,
  tokenText: string,
  ttlSeconds: number,
  options: { rotate?: boolean; now?: Date } = {},
): Promise<TokenState> {
  const token = parseBootstrapToken(tokenText);
  if (!token) return 'missing';
  const now = options.now ?? new Date();
  const secret = await workload.getOptional(builtin.secret, {
    namespace: NAMESPACE,
    name: bootstrapTokenSecretName(token.id),
  });
  if (!secret) return 'missing';
  const expiration = expirationOf(secret) ?? now;
  if (options.rotate) return tokenNeedsRotation(expiration, now, ttlSeconds) ? 'rotate' : 'valid';
  if (!tokenNeedsRefresh(expiration, now, ttlSeconds)) return 'valid';
  const data = bootstrapTokenSecretData(token, now, ttlSeconds);
  await workload.mergePatch(
    builtin.secret,
    { namespace: NAMESPACE, name: secret.metadata.name as string },
    { data: { expiration: encodeSecretValue(data.expiration as string) } },
  );
  return 'refreshed';
}
