import { MicroK8sConfig, type MicroK8sConfigSpec } from '../../src/api/v1beta1/index.js';

/** The 32-character token CABPM's tests use. */
export const TOKEN = 'a'.repeat(32);
/** A stand-in CA: the renderer copies it verbatim. */
export const CA = {
  cert: '-----BEGIN CERTIFICATE-----\nY2VydA==\n-----END CERTIFICATE-----\n',
  key: '-----BEGIN RSA PRIVATE KEY-----\na2V5\n-----END RSA PRIVATE KEY-----\n',
};
export const AUTH_TOKEN = 'auth-token-for-tests';

/** A spec as the API server stores it: the CRD defaults applied (parsed through our schema). */
export function defaulted(spec: unknown): MicroK8sConfigSpec {
  return MicroK8sConfig.parse({ metadata: { name: 'x' }, spec }).spec as MicroK8sConfigSpec;
}

/** Every option set, for the "every option" goldens. */
export const EVERY_OPTION = defaulted({
  clusterConfiguration: { portCompatibilityRemap: true },
  initConfiguration: {
    joinTokenTTLInSecs: 900000,
    httpProxy: 'http://proxy.internal:3128',
    httpsProxy: 'http://proxy.internal:3129',
    noProxy: '10.0.0.0/8,.internal',
    addons: ['ingress', 'cis-hardening'],
    IPinIP: true,
    confinement: 'strict',
    riskLevel: 'candidate',
    disableDefaultCNI: true,
    snapstoreProxyScheme: 'https',
    snapstoreProxyDomain: 'snapstore.domain.com',
    snapstoreProxyId: 'ID123456789',
    snapstoreHTTPProxy: 'http://http.proxy:3128',
    snapstoreHTTPSProxy: 'http://https.proxy:3128',
    extraWriteFiles: [{ content: 'hello\n', path: '/etc/hello', permissions: '0644', owner: 'root:root' }],
    extraKubeletArgs: ['--max-pods=200', '--node-labels=role=x'],
    bootCommands: ['cmd1'],
    preRunCommands: ['cmd2'],
    postRunCommands: ['cmd3'],
  },
});
