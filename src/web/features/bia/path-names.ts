/** Names a chain of ids for the results and inversions tabs: "A → B → C" ("?" for an unknown id). */
export function pathNames(names: Map<string, string>, ids: string[]): string {
  return ids.map((id) => names.get(id) ?? '?').join(' → ');
}
