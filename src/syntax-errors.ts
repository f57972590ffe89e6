/** Regions of a tree that tree-sitter could not parse: ERROR nodes and MISSING tokens. */
import type { Node, Tree } from 'web-tree-sitter';

export interface ErrorRegion {
  start: number;
  end: number;
  kind: 'error' | 'missing';
  /** 1-based line of the region's start, for messages. */
  line: number;
}

export function errorRegions(tree: Tree): ErrorRegion[] {
  const out: ErrorRegion[] = [];
  if (!tree.rootNode.hasError) return out;
  // Descend only into subtrees that contain an error: error-free files cost one flag read.
  const visit = (node: Node) => {
    if (node.isError || node.isMissing) {
      out.push({
        start: node.startIndex,
        end: node.endIndex,
        kind: node.isMissing ? 'missing' : 'error',
        line: node.startPosition.row + 1,
      });
      if (node.isMissing) return;
    }
    for (const child of node.children) if (child && (child.hasError || child.isMissing)) visit(child);
  };
  visit(tree.rootNode);
  return out;
}

/** True when [start, end) touches a region; a zero-width edit touches a region it borders. */
export function touchesRegion(start: number, end: number, regions: readonly ErrorRegion[]): ErrorRegion | undefined {
  return regions.find((r) => start <= r.end && end >= r.start);
}
