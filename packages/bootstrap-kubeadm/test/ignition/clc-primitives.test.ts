import { describe, expect, it } from 'vitest';
import { goUrlString } from '../../src/ignition/clc/go-url.js';
import { unitSyntaxError } from '../../src/ignition/clc/unit-syntax.js';

// The two pieces of Go behaviour the transpiler leans on: net/url's printing of remote sources and go-systemd's
// unit file parser (differential cases in test/differential confirm them against the real transpiler).

describe('URLs as Go prints them', () => {
  it.each([
    ['https://example.com/a/b?c=d', 'https://example.com/a/b?c=d'],
    ['HTTPS://Example.com/a b?q=a b', 'https://Example.com/a%20b?q=a b'],
    ['https://x/a(1)!%7e', 'https://x/a(1)!%7e'],
    ['https://x/a b(1)', 'https://x/a%20b%281%29'],
    ['https://x/p#frag ment', 'https://x/p#frag%20ment'],
    ['data:,a%20b', 'data:,a%20b'],
    ['s3://bucket/key', 's3://bucket/key'],
  ])('%s → %s', (url, printed) => {
    expect(goUrlString(url)).toBe(printed);
  });

  it.each(['https://x/a%zz', 'https://x/\u0001', ':no-scheme'])('refuses %j', (url) => {
    expect(() => goUrlString(url)).toThrow();
  });
});

describe('unit file syntax as go-systemd parses it', () => {
  it.each([
    '',
    '[Unit]\nDescription=x\n[Install]\nWantedBy=multi-user.target\n',
    '# comment\ntext before any section\n[Service]\nA=b \\\n  continued\n; comment\n',
    '[Service\nA=b]\nC=d\n',
  ])('accepts %j', (contents) => {
    expect(unitSyntaxError(contents)).toBeUndefined();
  });

  it.each([
    ['[Service', 'unable to find end of section'],
    ['[Service] x\nA=b\n', 'found garbage after section name'],
    ['[Service]\nfoo\nA=b\n', 'unexpected newline encountered while parsing option name'],
    ['[Service]\nfoo', 'EOF'],
  ])('refuses %j', (contents, problem) => {
    expect(unitSyntaxError(contents)).toBe(problem);
  });
});
