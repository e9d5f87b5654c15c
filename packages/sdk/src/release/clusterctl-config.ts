import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestLabel, type ProviderType, validateProvider } from './provider.js';
import { parseReleaseVersion } from './release-version.js';
import { renderYamlDocuments } from './render-yaml.js';

/** A `providers:` entry of the clusterctl config; it overrides a built-in provider with the same name and type. */
export interface ClusterctlConfigProvider {
  readonly name: string;
  readonly type: ProviderType;
  /** An `https://` release URL, or a local components file as `file:///abs/...` or `/abs/...`. */
  readonly url: string;
}

/** A clusterctl config file (`clusterctl init --config <file>`). */
export interface ClusterctlConfig {
  readonly providers: readonly ClusterctlConfigProvider[];
  /** Where to install cert-manager from, e.g. a local `/abs/repo/cert-manager/v1.21.1/cert-manager.yaml`. */
  readonly certManager?: { readonly url: string; readonly version?: string; readonly timeout?: string };
  /** Adds `CLUSTERCTL_DISABLE_VERSIONCHECK: "true"` (no call to GitHub for clusterctl's own updates). */
  readonly disableVersionCheck?: boolean;
  /** Values for the variables of components and templates; keys are `UPPER_CASE_WITH_UNDERSCORES`. */
  readonly variables?: Readonly<Record<string, string>>;
}

/**
 * Renders a clusterctl config. Local URLs are checked as clusterctl's local repository checks them: an absolute path
 * of the form `{basepath}/{manifest label}/{version or latest}/{components file}`.
 */
export function renderClusterctlConfig(config: ClusterctlConfig): string {
  const seen = new Set<string>();
  for (const provider of config.providers) {
    validateProvider(provider);
    const key = `${provider.type}/${provider.name}`;
    if (seen.has(key)) throw new Error(`providers: ${provider.name} (${provider.type}) is listed twice`);
    seen.add(key);
    checkLocalUrl(provider.url, manifestLabel(provider));
  }
  if (config.certManager) checkLocalUrl(config.certManager.url, 'cert-manager');
  const variables = { ...config.variables };
  for (const name of Object.keys(variables)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`variables: ${name} must be UPPER_CASE_WITH_UNDERSCORES`);
  }
  const document: Record<string, unknown> = {
    providers: config.providers.map(({ name, type, url }) => ({ name, type, url })),
  };
  if (config.certManager) {
    const { url, version, timeout } = config.certManager;
    document['cert-manager'] = { url, ...(version ? { version } : {}), ...(timeout ? { timeout } : {}) };
  }
  if (config.disableVersionCheck) document.CLUSTERCTL_DISABLE_VERSIONCHECK = 'true';
  return renderYamlDocuments([{ ...document, ...variables }]);
}

function checkLocalUrl(url: string, label: string): void {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return;
  if (scheme !== undefined && scheme !== 'file') throw new Error(`${url}: unsupported URL scheme ${scheme}`);
  const file = scheme === 'file' ? fileURLToPath(url) : url;
  if (!path.isAbsolute(file)) throw new Error(`invalid path: path ${JSON.stringify(url)} must be an absolute path`);
  const [version, provider] = file.split('/').slice(-3, -1).reverse();
  if (provider !== label) {
    throw new Error(
      `invalid path: path ${JSON.stringify(url)} must contain provider ${JSON.stringify(label)} ` +
        'in the format {basepath}/{provider-label}/{version}/{components.yaml}',
    );
  }
  if (version !== 'latest') parseReleaseVersion(version ?? '');
}
