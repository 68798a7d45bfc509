/** Drizzle spreads a JS array into separate parameters; an array parameter goes as one PostgreSQL literal. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
