import { describe, expect, it } from 'vitest';
import { FlagError, takeProviderFlags } from '../../src/manager/index.js';

const names = { values: ['feature-gates', 'ca-certs'], booleans: ['gzip'] };

describe('takeProviderFlags', () => {
  it("takes the provider's flags in Go's syntax and leaves the others, in order, for the standard parser", () => {
    const { values, rest } = takeProviderFlags(
      ['--leader-elect', '-feature-gates=A=true', '--ca-certs', '/etc/ca.pem', '--v=2', '--gzip', '--namespace', 'x'],
      names,
    );
    expect(Object.fromEntries(values)).toEqual({ 'feature-gates': 'A=true', 'ca-certs': '/etc/ca.pem', gzip: 'true' });
    expect(rest).toEqual(['--leader-elect', '--v=2', '--namespace', 'x']);
  });

  it('reads booleans as --name or --name=value, unquotes values, and keeps the last occurrence', () => {
    const { values } = takeProviderFlags(['--gzip=false', '--feature-gates=""', '--ca-certs=a', '--ca-certs=b'], names);
    expect(Object.fromEntries(values)).toEqual({ gzip: 'false', 'feature-gates': '', 'ca-certs': 'b' });
  });

  it("reads _ as - in names, as Cluster API's managers do", () => {
    expect(Object.fromEntries(takeProviderFlags(['--ca_certs=/ca.pem'], names).values)).toEqual({
      'ca-certs': '/ca.pem',
    });
  });

  it('leaves everything from -- on to the standard parser', () => {
    expect(takeProviderFlags(['--gzip', '--', '--ca-certs=a'], names)).toEqual({
      values: new Map([['gzip', 'true']]),
      rest: ['--', '--ca-certs=a'],
    });
  });

  it('refuses a value flag that ends the command line without its value', () => {
    expect(() => takeProviderFlags(['--ca-certs'], names)).toThrow(FlagError);
    expect(() => takeProviderFlags(['--ca-certs'], names)).toThrow('flag needs an argument: --ca-certs');
  });
});
