// "My unit ± 5": the rows around one chosen unit in the order shown, so a chair sees the own unit among
// its neighbours without scrolling through thousands of communes.

export const AROUND_REACH = 5;

/** The rows from `reach` above the unit to `reach` below it; null when the unit is not in the list. */
export function around<Row extends { readonly unitId: string }>(
  rows: readonly Row[],
  unitId: string,
  reach = AROUND_REACH,
): Row[] | null {
  const at = rows.findIndex((row) => row.unitId === unitId);
  if (at < 0) return null;
  return rows.slice(Math.max(0, at - reach), at + reach + 1);
}

/** The address with one query parameter set (or removed when empty), the rest kept. */
export function withParam(path: string, search: string, name: string, value: string): string {
  const query = new URLSearchParams(search);
  if (value) query.set(name, value);
  else query.delete(name);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
