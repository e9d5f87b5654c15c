/** The addons the first control-plane node enables: the user's list, with `dns` added unless a dns addon is named. */
export function initAddons(addons: readonly string[] | undefined): string[] {
  const list = [...(addons ?? [])];
  return list.some((addon) => addon.includes('dns')) ? list : [...list, 'dns'];
}
