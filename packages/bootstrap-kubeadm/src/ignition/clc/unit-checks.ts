import { entries, flag, optionalFlag, section, str } from './access.js';
import type { ClcObject, ClcReport } from './parse.js';
import { unitSyntaxError } from './unit-syntax.js';

// Ignition 2.3's validations of systemd and networkd units and their drop-ins.

const SYSTEMD_EXTENSIONS = [
  '.service',
  '.socket',
  '.device',
  '.mount',
  '.automount',
  '.swap',
  '.target',
  '.path',
  '.timer',
  '.snapshot',
  '.slice',
  '.scope',
];
const NETWORKD_EXTENSIONS = ['.link', '.netdev', '.network'];

/** The extension of a unit name, as Go's `path.Ext`. */
function extension(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot);
}

function checkContents(at: string, contents: string, report: ClcReport): void {
  const problem = unitSyntaxError(contents);
  if (problem) report.errors.push(`${at}: invalid unit content: ${problem}`);
}

function checkDropins(at: string, unit: ClcObject, kind: 'systemd' | 'networkd', report: ClcReport): void {
  entries(unit, 'dropins').forEach((dropin, index) => {
    if (extension(str(dropin, 'name')) !== '.conf') {
      report.errors.push(`${at}.dropins[${index}].name: invalid ${kind} drop-in extension`);
    }
    checkContents(`${at}.dropins[${index}].contents`, str(dropin, 'contents'), report);
  });
}

/** Adds the problems of `systemd.units` and `networkd.units` to `report`. */
export function checkUnits(config: ClcObject, report: ClcReport): void {
  entries(section(config, 'systemd'), 'units').forEach((unit, index) => {
    const at = `systemd.units[${index}]`;
    const name = str(unit, 'name');
    if (!SYSTEMD_EXTENSIONS.includes(extension(name))) report.errors.push(`${at}.name: invalid systemd unit extension`);
    const contents = str(unit, 'contents');
    checkContents(`${at}.contents`, contents, report);
    checkDropins(at, unit, 'systemd', report);
    const enabled = flag(unit, 'enable') || optionalFlag(unit, 'enabled') === true;
    if (enabled && contents !== '' && !/^\s*\[Install\]\s*$/m.test(contents)) {
      report.warnings.push(
        `${at}: unit ${JSON.stringify(name)} is enabled, but has no install section so enable does nothing`,
      );
    }
  });
  entries(section(config, 'networkd'), 'units').forEach((unit, index) => {
    const at = `networkd.units[${index}]`;
    if (!NETWORKD_EXTENSIONS.includes(extension(str(unit, 'name')))) {
      report.errors.push(`${at}.name: invalid networkd unit extension`);
    }
    checkContents(`${at}.contents`, str(unit, 'contents'), report);
    checkDropins(at, unit, 'networkd', report);
  });
}
