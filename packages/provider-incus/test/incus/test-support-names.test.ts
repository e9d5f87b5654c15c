import { describe, expect, it } from 'vitest';
import { recordingStandIn, uniqueName } from '../../test-support/index.js';

describe('uniqueName', () => {
  it('gives distinct host names of at most 63 characters', () => {
    const names = new Set(Array.from({ length: 50 }, () => uniqueName('cloud-init')));
    expect(names.size).toBe(50);
    for (const name of names) expect(name).toMatch(/^cloud-init-[a-z0-9]+-[0-9a-f]{6}$/);
    expect(uniqueName('x'.repeat(80))).toHaveLength(63);
  });

  it('rejects prefixes that are not host names', () => {
    expect(() => uniqueName('Bad_Prefix')).toThrow(/must be lower-case/);
    expect(() => uniqueName('1abc')).toThrow(/must be lower-case/);
  });
});

describe('recordingStandIn', () => {
  it('is an executable in /usr/local/bin that logs JSON lines', () => {
    const file = recordingStandIn({ name: 'microk8s', exitCode: 2, stdout: 'ok' });
    expect(file).toMatchObject({ path: '/usr/local/bin/microk8s', mode: 0o755 });
    expect(file.content).toContain('"/var/log/capi-ts-stand-ins.jsonl"');
    expect(file.content).toContain('sys.exit(2)');
  });
});
