/** Pure helpers that turn XState state values into short, readable text. */

/** The leaf paths of a state value: `{ active: { connected: 'idle' } }` → `['active.connected.idle']`. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  const join = (name: string) => (prefix === '' ? name : `${prefix}.${name}`);
  if (typeof value === 'string') return [join(value)];
  if (typeof value !== 'object' || value === null) return prefix === '' ? [] : [prefix];
  const entries = Object.entries(value as Record<string, unknown>);
  // An empty object is an atomic state inside a parallel region: the prefix itself is the leaf.
  if (entries.length === 0) return prefix === '' ? [] : [prefix];
  return entries.flatMap(([key, child]) => leafPaths(child, join(key)));
}

interface PathTree {
  [segment: string]: PathTree;
}

/**
 * Renders leaf paths compactly, sharing their common segments: `['a.b.x', 'a.b.y.z']` → `a.b.{x, y.z}`. Several
 * roots are joined with `, `.
 */
export function renderPaths(paths: readonly string[]): string {
  const tree: PathTree = {};
  for (const path of paths) {
    let node = tree;
    for (const segment of path.split('.')) {
      node[segment] ??= {};
      node = node[segment];
    }
  }
  const render = (node: PathTree): string => {
    const keys = Object.keys(node);
    return keys
      .map((key) => {
        const child = node[key] ?? {};
        const childKeys = Object.keys(child);
        if (childKeys.length === 0) return key;
        const rendered = render(child);
        return childKeys.length === 1 ? `${key}.${rendered}` : `${key}.{${rendered}}`;
      })
      .join(', ');
  };
  return render(tree);
}

/**
 * What moved between two sets of leaf paths: the paths only in `before` and those only in `after`, rendered with
 * {@link renderPaths}. Parallel regions that stayed put are left out. `undefined` when nothing moved.
 */
export function describeMove(
  before: readonly string[],
  after: readonly string[],
): { from: string; to: string } | undefined {
  const left = before.filter((path) => !after.includes(path));
  const entered = after.filter((path) => !before.includes(path));
  if (left.length === 0 && entered.length === 0) return undefined;
  return { from: renderPaths(left), to: renderPaths(entered) };
}
