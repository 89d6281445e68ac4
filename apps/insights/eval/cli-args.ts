/** `--name value` pairs of an eval command; an unknown flag or a flag without a value is an error. */
export function parseArgs(argv: readonly string[], known: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !known.includes(name)) throw new Error(`unknown argument ${flag}; expected one of ${known.map((k) => `--${k}`).join(' ')}`);
    if (value === undefined) throw new Error(`${flag} needs a value`);
    args.set(name, value);
  }
  return args;
}
