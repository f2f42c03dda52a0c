/** An id as logs show it: strings and ObjectIds as themselves, anything else as JSON. */
export function idText(id: unknown): string {
  if (typeof id === 'string') return id;
  if (id !== null && typeof id === 'object' && 'toHexString' in id && typeof id.toHexString === 'function') {
    return (id as { toHexString: () => string }).toHexString();
  }
  return JSON.stringify(id);
}
