// Table and column names cannot be bind parameters; the few that are spliced into SQL text are
// checked here first (names come from code or from options such as date-time-table-name).

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertIdentifier(name: string): void {
  if (!IDENT.test(name)) throw new Error(`not a plain lower-case SQL identifier: ${JSON.stringify(name)}`);
}
