/** A choice in a Mantine Select. */
export interface Option {
  value: string;
  label: string;
}

/** Named records (sites, departments, people) as choices, in the order given. */
export function optionsOf(items: readonly { id: string; name: string }[] | undefined): Option[] {
  return (items ?? []).map((item) => ({ value: item.id, label: item.name }));
}

/**
 * The choices plus the one a record still points to when it is no longer offered (an archived
 * site, say), so the form can show it instead of an empty field.
 */
export function withCurrentOption(
  options: Option[],
  value: string | null | undefined,
  label: string,
): Option[] {
  if (!value || options.some((o) => o.value === value)) return options;
  return [...options, { value, label }];
}
