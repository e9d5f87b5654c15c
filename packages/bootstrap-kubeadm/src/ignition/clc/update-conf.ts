import { optionalSection, optionalStr, str } from './access.js';
import type { ClcObject, ClcReport } from './parse.js';

/** The path the transpiler writes the `update` and `locksmith` settings to. */
export const UPDATE_CONF_PATH = '/etc/coreos/update.conf';

const UPDATE_KEYS: readonly [string, string][] = [
  ['SERVER', 'server'],
  ['PCR_POLICY_SERVER', 'pcr_policy_server'],
  ['DOWNLOAD_USER', 'download_user'],
  ['DOWNLOAD_PASSWORD', 'download_password'],
  ['MACHINE_ALIAS', 'machine_alias'],
];

const LOCKSMITH_KEYS: readonly [string, string][] = [
  ['REBOOT_STRATEGY', 'reboot_strategy'],
  ['LOCKSMITHD_REBOOT_WINDOW_START', 'window_start'],
  ['LOCKSMITHD_REBOOT_WINDOW_LENGTH', 'window_length'],
  ['LOCKSMITHD_GROUP', 'group'],
  ['LOCKSMITHD_ENDPOINTS', 'etcd_endpoints'],
  ['LOCKSMITHD_ETCD_CAFILE', 'etcd_cafile'],
  ['LOCKSMITHD_ETCD_CERTFILE', 'etcd_certfile'],
  ['LOCKSMITHD_ETCD_KEYFILE', 'etcd_keyfile'],
];

/**
 * The `/etc/coreos/update.conf` text the transpiler generates from the `update` and `locksmith` sections ('' when
 * neither sets anything): `GROUP=<lower-case group>` and `KEY=value` lines for update, `KEY="value"` (Go's `%q`)
 * lines for locksmith.
 */
export function updateConfText(config: ClcObject): string {
  let contents = '';
  const update = optionalSection(config, 'update');
  if (update) {
    if (str(update, 'group') !== '') contents += `GROUP=${str(update, 'group').toLowerCase()}`;
    for (const [name, key] of UPDATE_KEYS) if (str(update, key) !== '') contents += `\n${name}=${str(update, key)}`;
  }
  const locksmith = optionalSection(config, 'locksmith');
  if (locksmith) {
    const lines = LOCKSMITH_KEYS.filter(([, key]) => (optionalStr(locksmith, key) ?? '') !== '').map(
      ([name, key]) => `${name}=${JSON.stringify(str(locksmith, key))}`,
    );
    if (lines.length > 0) contents += `\n${lines.join('\n')}`;
  }
  return contents;
}

const LOCKSMITH_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const GO_DURATION = /^([0-9]*(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$/;

/** The transpiler's checks of the `update` and `locksmith` sections, added to `report`. */
export function checkUpdateSections(config: ClcObject, report: ClcReport): void {
  const update = optionalSection(config, 'update');
  if (
    update &&
    !['stable', 'beta', 'alpha'].includes(str(update, 'group').toLowerCase()) &&
    str(update, 'server') === ''
  ) {
    report.warnings.push('update.group: unknown update group');
  }
  const locksmith = optionalSection(config, 'locksmith');
  if (!locksmith) return;
  const start = str(locksmith, 'window_start');
  const length = str(locksmith, 'window_length');
  if ((start === '') !== (length === '')) {
    report.errors.push('locksmith: window-start and window-length must both be specified');
  }
  const strategy = str(locksmith, 'reboot_strategy').toLowerCase();
  if (strategy !== '' && !['reboot', 'etcd-lock', 'off'].includes(strategy)) {
    report.errors.push('locksmith.reboot_strategy: unknown reboot strategy');
  }
  if (start !== '') {
    const words = start.trim().split(/\s+/);
    const [day, time] = words.length >= 2 ? [words[0] ?? '', words[1] ?? ''] : ['', start];
    if (day !== '' && !LOCKSMITH_DAYS.includes(day.toLowerCase())) {
      report.errors.push('locksmith.window_start: unknown day in window start');
    } else if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) {
      report.errors.push("locksmith.window_start: couldn't parse window start");
    }
  }
  if (length !== '' && !GO_DURATION.test(length)) {
    report.errors.push("locksmith.window_length: couldn't parse window length");
  }
}
