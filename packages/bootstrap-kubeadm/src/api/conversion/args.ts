/** v1beta1's argument map as v1beta2's list, sorted by name as Cluster API's `ConvertToArgs` does. */
export function argsToList(args: Record<string, string> | undefined): { name: string; value: string }[] | undefined {
  if (!args || Object.keys(args).length === 0) return undefined;
  return Object.keys(args)
    .sort()
    .map((name) => ({ name, value: args[name] as string }));
}

/** v1beta2's argument list as v1beta1's map. */
export function argsToMap(
  args: readonly { name: string; value: string }[] | undefined,
): Record<string, string> | undefined {
  if (!args || args.length === 0) return undefined;
  return Object.fromEntries(args.map((a) => [a.name, a.value]));
}
