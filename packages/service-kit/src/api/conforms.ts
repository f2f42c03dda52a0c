/**
 * `A`, when it is assignable to `B`; a compile error otherwise. Ties a response schema to the view
 * function that makes the answer: `type Checked = Conforms<Wire<ReturnType<typeof view>>, z.input<typeof schema>>`.
 */
export type Conforms<A extends B, B> = A;

/** A value as JSON.stringify sends it: dates become ISO strings, the rest keeps its shape. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Wire<T[K]> }
      : T;
