/** Copy-on-write over arrays: what is unchanged comes back as the same object, so a pass that changes nothing allocates nothing. */

/** `xs` mapped with `fn`, or `xs` itself when `fn` returned every element unchanged. */
export function sameOrCopy<T>(xs: T[], fn: (x: T) => T): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as T;
    const y = fn(x);
    if (y !== x) (out ??= xs.slice())[i] = y;
  }
  return out ?? xs;
}
