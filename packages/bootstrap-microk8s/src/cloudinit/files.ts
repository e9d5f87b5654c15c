import type { CloudConfigFile } from './cloud-config.js';
import type { CloudInitInput } from './input.js';
import { BOOTSTRAP_SCRIPTS, scriptPath } from './scripts/index.js';

/** Where the extra kubelet arguments are written for `10-configure-kubelet.sh`. */
export const EXTRA_KUBELET_ARGS_PATH = '/var/tmp/extra-kubelet-args';
/** Where the cluster agent reads the Cluster API auth token. */
export const AUTH_TOKEN_PATH = '/capi/etc/token';

const ROOT = 'root:root';

/** A root-owned file readable only by root. */
export function secretFile(path: string, content: string): CloudConfigFile {
  return { content, path, permissions: '0600', owner: ROOT };
}

/** The bootstrap scripts every role writes first. */
export function scriptFiles(): CloudConfigFile[] {
  return BOOTSTRAP_SCRIPTS.map(([name, content]) => ({
    content,
    path: scriptPath(name),
    permissions: '0700',
    owner: ROOT,
  }));
}

/** The user's `extraWriteFiles`, then the extra kubelet arguments file when there are any: the last files. */
export function userFiles(input: CloudInitInput): CloudConfigFile[] {
  const init = input.spec?.initConfiguration;
  const files = (init?.extraWriteFiles ?? []).map((f) => ({ ...f }));
  const kubeletArgs = init?.extraKubeletArgs ?? [];
  if (kubeletArgs.length > 0) {
    files.push({ content: kubeletArgs.join('\n'), path: EXTRA_KUBELET_ARGS_PATH, permissions: '0400', owner: ROOT });
  }
  return files;
}
