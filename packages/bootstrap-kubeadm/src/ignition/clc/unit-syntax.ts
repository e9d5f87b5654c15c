// The systemd unit file syntax Ignition 2.3 accepts: go-systemd's `unit.Deserialize`, which Ignition runs on unit
// and drop-in contents, as a validator. Its lexer is mirrored state by state so that the same texts fail.

const isComment = (c: string): boolean => c === '#' || c === ';';

/** Why go-systemd cannot parse `contents` as a unit file, or undefined when it can. */
export function unitSyntaxError(contents: string): string | undefined {
  let at = 0;
  const readLine = (): string => {
    const end = contents.indexOf('\n', at);
    const line = contents.slice(at, end < 0 ? contents.length : end).replace(/\r$/, '');
    at = end < 0 ? contents.length : end + 1;
    return line;
  };
  /** Skips a comment line and the lines it continues with a trailing backslash. */
  const skipComment = (): void => {
    while (at < contents.length && readLine().replace(/ $/, '').endsWith('\\')) {
      // continued comment line
    }
  };
  let inSection = false;
  while (at < contents.length) {
    const c = contents[at++] as string;
    if (c === '[') {
      const close = contents.indexOf(']', at);
      if (close < 0) return 'unable to find end of section';
      at = close + 1;
      if (readLine().trim() !== '') return 'found garbage after section name';
      inSection = true;
    } else if (isComment(c)) {
      skipComment();
    } else if (inSection && !/\s/.test(c)) {
      const equals = contents.indexOf('=', at - 1);
      const newline = contents.slice(at - 1).search(/[\r\n]/);
      if (equals < 0 && newline < 0) return 'EOF';
      if (equals < 0 || (newline >= 0 && at - 1 + newline < equals)) {
        return 'unexpected newline encountered while parsing option name';
      }
      at = equals + 1;
      // The value ends at the first line without a backslash.
      while (at < contents.length && readLine().includes('\\')) {
        // continued value line
      }
    }
  }
  return undefined;
}
