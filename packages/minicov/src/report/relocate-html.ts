// Makes llvm-cov's HTML report relocatable: pages named and linked by workspace-relative paths,
// no checkout path inside.
import { cp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { workspaceRootSpellings } from '../model/recorded-source-paths';

/**
 * llvm-cov writes each source's page at `html/coverage/<absolute source path>.html` and names that path in
 * the pages. Moves the pages under `html/coverage/<workspace-relative path>.html`, removes the workspace
 * root from every page (so a report restored from a cache in another checkout is still right), and lists
 * files in the index by their workspace-relative paths.
 */
export async function relocateHtml(htmlDir: string, workspaceRoot: string): Promise<void> {
  // Builds name the workspace's sources by the checkout's path or by the recorded root (recorded-source-paths.ts).
  const roots = workspaceRootSpellings(workspaceRoot);
  const staged: string[] = [];
  for (const [index, prefix] of roots.entries()) {
    const pagesUnderRoot = join(htmlDir, 'coverage', prefix);
    if (!(await isDirectory(pagesUnderRoot))) continue;
    const staging = join(htmlDir, `.coverage-relative-${index}`);
    await rename(pagesUnderRoot, staging);
    staged.push(staging);
  }
  if (staged.length > 0) {
    await rm(join(htmlDir, 'coverage'), { recursive: true, force: true });
    for (const staging of staged) {
      await cp(staging, join(htmlDir, 'coverage'), { recursive: true });
      await rm(staging, { recursive: true, force: true });
    }
  }
  for (const entry of await readdir(htmlDir, { recursive: true })) {
    const relativePath = String(entry);
    const path = join(htmlDir, relativePath);
    if (!path.endsWith('.html') || !(await stat(path)).isFile()) continue;
    // A page's links to the shared style and script climb as many levels as the page is deep.
    const up = '../'.repeat(relativePath.split('/').length - 1);
    const text = await readFile(path, 'utf8');
    // Pages name the root as llvm-cov writes text into HTML: a root with quotes or `&` appears escaped.
    const withoutRoot = [
      ...new Set(roots.flatMap((prefix) => [prefix, escapeHtml(prefix)])),
    ].reduce(
      (page, prefix) =>
        page.split(`coverage${prefix}/`).join('coverage/').split(`${prefix}/`).join(''),
      text,
    );
    const relocated = withoutRoot
      .replace(/(?:\.\.\/)+(style\.css|control\.js)/g, `${up}$1`)
      // The index names files relative to their common directory; name them as every other format does.
      .replace(
        /<a href='coverage\/([^']+)\.html'>[^<]*<\/a>/g,
        (_link, file: string) => `<a href='coverage/${file}.html'>${file}</a>`,
      );
    if (relocated !== text) await writeFile(path, relocated);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** `text` escaped the way llvm-cov escapes text in its HTML (llvm::printHTMLEscaped). */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );
}
