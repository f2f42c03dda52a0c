/**
 * zod's error option for a value of the wrong type: "is required" when it is missing, else what it must be.
 * One message per field: clients show them next to the field.
 */
export function expected(what: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`);
}
