const UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** A Go duration string (`1h30m`, `4m0s`, `1.5h`) in whole seconds, rounded as Cluster API's `ConvertToSeconds`. */
export function parseGoDurationSeconds(text: string): number {
  const match = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!match && text !== '0') throw new Error(`${JSON.stringify(text)} is not a Go duration`);
  let total = 0;
  for (const [, value, unit] of text.matchAll(/((?:\d+(?:\.\d*)?|\.\d+))(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(value) * (UNITS[unit as string] as number);
  }
  return (match?.[1] === '-' ? -1 : 1) * Math.round(total);
}
