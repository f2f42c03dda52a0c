/**
 * Keys refused anywhere in a request body. `__proto__` and `constructor` (with its `prototype`) are how
 * a parsed body pollutes Object.prototype once some code merges or assigns it; no API field is named so.
 */
export const forbiddenJsonKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor']);

interface Frame {
  readonly kind: 'object' | 'array';
  readonly path: string;
  /** Keys seen so far (objects). */
  readonly keys: Set<string>;
  /** The key whose value comes next (objects), or the index of the current element (arrays). */
  current: string | number;
}

/**
 * The first problem with the keys of a JSON text that JSON.parse accepted, or undefined: a key in
 * `forbiddenJsonKeys`, or a key repeated in one object. JSON.parse keeps the last of repeated keys while
 * other parsers keep the first, so a proxy and a service could each validate a different body; refusing
 * them removes the ambiguity. Keys are compared decoded (`"a"` and `"\u0061"` are one key).
 * One pass over the text, so it costs what parsing did.
 */
export function jsonKeyProblem(text: string): string | undefined {
  const stack: Frame[] = [];
  const childPath = () => {
    const top = stack.at(-1);
    if (!top) return '';
    return top.path === '' ? String(top.current) : `${top.path}.${String(top.current)}`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      let next = end + 1;
      while (next < text.length && ' \t\r\n'.includes(text[next] ?? '')) next++;
      const top = stack.at(-1);
      if (text[next] === ':' && top?.kind === 'object') {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const where = top.path === '' ? 'the body' : top.path;
        if (forbiddenJsonKeys.has(key))
          return `key "${key}" in ${where} is not allowed (it could alter object prototypes); remove it`;
        if (top.keys.has(key)) return `key "${key}" appears twice in ${where}; send each key once`;
        top.keys.add(key);
        top.current = key;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      stack.push({ kind: c === '{' ? 'object' : 'array', path: childPath(), keys: new Set(), current: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'array') top.current = (top.current as number) + 1;
    }
  }
  return undefined;
}
