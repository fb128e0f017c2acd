// Reads the dep-info file cargo writes beside a binary: every file that went into it (sources, build script inputs).
import { readFile } from 'node:fs/promises';

/** The files a Makefile-style dep-info text lists as the target's dependencies (`\ ` is an escaped space). */
export function parseDepInfo(text: string): string[] {
  const [rule] = text.replace(/\\\n/g, ' ').split('\n');
  if (!rule) return [];
  const colon = rule.search(/:(\s|$)/);
  if (colon < 0) return [];
  const files: string[] = [];
  let current = '';
  const rest = rule.slice(colon + 1);
  for (let index = 0; index < rest.length; index += 1) {
    const char = rest[index] as string;
    if (char === '\\' && rest[index + 1] === ' ') {
      current += ' ';
      index += 1;
    } else if (char === ' ' || char === '\t') {
      if (current) files.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current) files.push(current);
  return files;
}

/** The files cargo's dep-info `<binary>.d` names for `binary`; empty when there is none. */
export async function binaryDependencies(binary: string): Promise<string[]> {
  const text = await readFile(`${binary}.d`, 'utf8').catch(() => '');
  return parseDepInfo(text);
}
