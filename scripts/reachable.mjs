// A graph walk the build scripts share: which files a bundle or a declaration entry pulls in.

/** Every node reachable from `start` through `next(node)`, `start` included, each once. */
export function reachable(start, next) {
  const seen = new Set();
  const queue = [start];
  while (queue.length) {
    const node = queue.pop();
    if (seen.has(node)) continue;
    seen.add(node);
    queue.push(...next(node));
  }
  return seen;
}
