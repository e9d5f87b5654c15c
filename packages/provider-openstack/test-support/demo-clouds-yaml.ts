import type { OpenStackSimulator } from './simulator/index.js';

/**
 * A `clouds.yaml` with one cloud, `cloudName` (default `openstack`): the simulator's demo user in its demo project,
 * as a user's identity Secret holds it.
 */
export function demoCloudsYaml(cloud: OpenStackSimulator, cloudName = 'openstack'): string {
  const { demo } = cloud;
  return [
    'clouds:',
    `  ${cloudName}:`,
    '    auth:',
    `      auth_url: ${cloud.authUrl}`,
    `      username: ${demo.username}`,
    `      password: ${demo.password}`,
    `      project_name: ${demo.projectName}`,
    `      user_domain_name: ${demo.userDomainName}`,
    `      project_domain_name: ${demo.projectDomainName}`,
    `    region_name: ${cloud.regionName}`,
    '    interface: public',
    '    identity_api_version: 3',
    '',
  ].join('\n');
}
