import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestCloud, TestCloudApplicationCredential, TestCloudPasswordCredentials } from './test-cloud.js';

const run = promisify(execFile);
const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const setupScript = join(repositoryRoot, 'scripts', 'openstack', 'setup.sh');

/** Directory `scripts/openstack/setup.sh` keeps its state in (`CAPI_TS_OPENSTACK_STATE`). */
export function realCloudStateDirectory(): string {
  return process.env.CAPI_TS_OPENSTACK_STATE ?? '/var/lib/capi-ts-openstack';
}

/** The real services, or why they cannot be used here. */
export type RealCloudStatus =
  | { readonly available: true; readonly cloud: TestCloud }
  | { readonly available: false; readonly reason: string };

interface CloudFile {
  authUrl: string;
  regionName: string;
  admin: TestCloudPasswordCredentials;
  demo: TestCloudPasswordCredentials;
  applicationCredential: TestCloudApplicationCredential;
  externalNetworkName: string;
  services: string[];
}

/**
 * The real Keystone and Neutron started by `scripts/openstack/setup.sh`, as a {@link TestCloud}.
 * When they were set up but are not running (a restarted machine), the set-up script starts them again
 * (seconds). When they were never installed, or cannot start, the answer says why, for `describe.skipIf`.
 */
export async function realOpenStackCloud(): Promise<RealCloudStatus> {
  const file = join(realCloudStateDirectory(), 'cloud.json');
  let description: CloudFile;
  try {
    description = JSON.parse(await readFile(file, 'utf8')) as CloudFile;
  } catch {
    return {
      available: false,
      reason: `the real OpenStack services are not set up (${file} is missing): run scripts/openstack/setup.sh as root`,
    };
  }
  if (!(await answers(description.authUrl)) || !(await neutronAnswers(description))) {
    try {
      await run('bash', [setupScript], { timeout: 240_000 });
    } catch (error) {
      const output = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' | ');
      return { available: false, reason: `the real OpenStack services did not start: ${output ?? String(error)}` };
    }
    if (!(await answers(description.authUrl)) || !(await neutronAnswers(description))) {
      return {
        available: false,
        reason: 'the real OpenStack services are not running (scripts/openstack/setup.sh needs root)',
      };
    }
  }
  return {
    available: true,
    cloud: {
      kind: 'real',
      authUrl: description.authUrl,
      regionName: description.regionName,
      admin: description.admin,
      demo: description.demo,
      applicationCredential: description.applicationCredential,
      externalNetworkName: description.externalNetworkName,
      services: description.services,
      // The services outlive a test file: later suites reuse them.
      stop: async () => {},
    },
  };
}

async function neutronAnswers(description: CloudFile): Promise<boolean> {
  const neutronPort = process.env.CAPI_TS_NEUTRON_PORT ?? '9696';
  return answers(`${new URL(description.authUrl).protocol}//127.0.0.1:${neutronPort}/`);
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}
