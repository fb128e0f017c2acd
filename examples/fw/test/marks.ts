// Finding the source lines marked `// MARK: name` (Rust) or `/* MARK: name */` (C).
import { readFileSync } from 'node:fs';

/** One marked line: its name, absolute file path and 1-based line number. */
export interface Mark {
  name: string;
  file: string;
  line: number;
}

/** Every MARK in `files`; throws if a name is used twice. */
export function findMarks(files: string[]): Mark[] {
  const marks: Mark[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const match = /(?:\/\/|\/\*)\s*MARK:\s*([\w-]+)/.exec(text);
        if (match) marks.push({ name: match[1]!, file, line: i + 1 });
      });
  }
  const seen = new Set<string>();
  for (const mark of marks) {
    if (seen.has(mark.name))
      throw new Error(`MARK ${mark.name} appears twice (again in ${mark.file}:${mark.line})`);
    seen.add(mark.name);
  }
  return marks;
}
