// Every file of an Nx virtual tree with its text, to compare whole trees before and after a generator.
import type { Tree } from '@nx/devkit';

/** path -> text for every file in `tree`. */
export function snapshot(tree: Tree): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const child of tree.children(dir)) {
      const path = dir ? `${dir}/${child}` : child;
      if (tree.isFile(path)) files[path] = tree.read(path, 'utf-8') ?? '';
      else walk(path);
    }
  };
  walk('');
  return files;
}
