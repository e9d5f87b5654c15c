import { optionalSection, strings } from './access.js';
import type { ClcObject } from './parse.js';

/**
 * The unit the transpiler generates for the `docker` section: `docker.service` enabled, with a drop-in passing the
 * flags as `DOCKER_OPTS`; undefined without the section.
 */
export function dockerUnit(
  config: ClcObject,
): { name: string; dropin: { name: string; contents: string } } | undefined {
  const docker = optionalSection(config, 'docker');
  if (!docker) return undefined;
  const flags = (strings(docker, 'flags') ?? []).join(' ');
  return {
    name: 'docker.service',
    dropin: { name: '20-clct-docker.conf', contents: `[Service]\nEnvironment="DOCKER_OPTS=${flags}"` },
  };
}
