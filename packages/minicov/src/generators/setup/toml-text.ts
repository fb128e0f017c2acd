// Conservative edits of TOML text: find tables, keys and arrays by scanning, then insert lines or items,
// so formatting and comments stay.

/**
 * One line of a TOML document: its offsets and, for a line that starts outside every value, the table header it holds.
 */
export interface TomlLine {
  start: number;
  /** Offset of the line's "\n", or the text's length for the last line. */
  end: number;
  /** The line starts outside every string, array and inline table: a key or a header may begin there. */
  topLevel: boolean;
  /** The key path of a `[table]` or `[[array.of.tables]]` header on this line. */
  header?: { path: string[]; arrayOfTables: boolean };
}

/** Where a `[table]`'s header line is and where its keys end (the next header, or the end of the text). */
export interface TableRange {
  headerLine: number;
  bodyStart: number;
  bodyEnd: number;
}

type State = 'value' | 'basic' | 'literal' | 'multiBasic' | 'multiLiteral' | 'comment';

/** Splits `text` into lines, telling which start at the top level and which are table headers. */
export function tomlLines(text: string): TomlLine[] {
  const lines: TomlLine[] = [];
  let state: State = 'value';
  let depth = 0;
  let index = 0;
  while (index <= text.length) {
    const newline = text.indexOf('\n', index);
    const end = newline < 0 ? text.length : newline;
    if (state === 'comment' || state === 'basic' || state === 'literal') state = 'value';
    const line: TomlLine = { start: index, end, topLevel: state === 'value' && depth === 0 };
    const content = text.slice(index, end);
    if (line.topLevel && /^\s*\[/.test(content)) {
      line.header = parseHeader(content);
    } else {
      for (let at = index; at < end; at++) {
        const next = step(text, at, state, depth);
        state = next.state;
        depth = next.depth;
        at = next.at;
      }
    }
    lines.push(line);
    if (newline < 0) break;
    index = newline + 1;
  }
  return lines;
}

/** Advances the scanner over the character at `at`; returns the new state and the last offset consumed. */
function step(
  text: string,
  at: number,
  state: State,
  depth: number,
): { state: State; depth: number; at: number } {
  const char = text[at];
  const triple = (quote: string) => text.startsWith(quote.repeat(3), at);
  switch (state) {
    case 'comment':
      return { state, depth, at };
    case 'basic':
      if (char === '\\') return { state, depth, at: at + 1 };
      return { state: char === '"' ? 'value' : state, depth, at };
    case 'literal':
      return { state: char === "'" ? 'value' : state, depth, at };
    case 'multiBasic':
      if (char === '\\') return { state, depth, at: at + 1 };
      return triple('"') ? { state: 'value', depth, at: at + 2 } : { state, depth, at };
    case 'multiLiteral':
      return triple("'") ? { state: 'value', depth, at: at + 2 } : { state, depth, at };
    default:
      if (char === '#') return { state: 'comment', depth, at };
      if (char === '"')
        return triple('"')
          ? { state: 'multiBasic', depth, at: at + 2 }
          : { state: 'basic', depth, at };
      if (char === "'")
        return triple("'")
          ? { state: 'multiLiteral', depth, at: at + 2 }
          : { state: 'literal', depth, at };
      if (char === '[' || char === '{') return { state, depth: depth + 1, at };
      if (char === ']' || char === '}') return { state, depth: Math.max(0, depth - 1), at };
      return { state, depth, at };
  }
}

/** The key path of a header line such as `[target.'cfg(unix)'.dependencies]`. */
function parseHeader(content: string): { path: string[]; arrayOfTables: boolean } {
  const opening = content.indexOf('[');
  const arrayOfTables = content[opening + 1] === '[';
  const path: string[] = [];
  let key = '';
  let quote: string | undefined;
  for (let at = opening + (arrayOfTables ? 2 : 1); at < content.length; at++) {
    const char = content[at] as string;
    if (quote) {
      if (char === quote) quote = undefined;
      else key += char;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '.' || char === ']') {
      path.push(key.trim());
      key = '';
      if (char === ']') break;
    } else {
      key += char;
    }
  }
  return { path, arrayOfTables };
}

/** The `[table]` (not an array of tables) whose header names exactly `path`, if the text has one. */
export function findTable(
  text: string,
  path: readonly string[],
  lines = tomlLines(text),
): TableRange | undefined {
  const headerLine = lines.findIndex(
    (line) => line.header && !line.header.arrayOfTables && samePath(line.header.path, path),
  );
  if (headerLine < 0) return undefined;
  const next = lines.findIndex((line, index) => index > headerLine && line.header !== undefined);
  const header = lines[headerLine] as TomlLine;
  return {
    headerLine,
    bodyStart: Math.min(header.end + 1, text.length),
    bodyEnd: next < 0 ? text.length : (lines[next] as TomlLine).start,
  };
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}

/** The offset where the value of `key` starts inside `table` (a top-level `key = value` line), if the key is there. */
export function findKeyValue(
  text: string,
  table: TableRange,
  key: string,
  lines = tomlLines(text),
): number | undefined {
  const pattern = new RegExp(
    `^[ \\t]*(?:${escape(key)}|"${escape(key)}"|'${escape(key)}')[ \\t]*=[ \\t]*`,
  );
  for (const line of lines) {
    if (line.start < table.bodyStart || line.start >= table.bodyEnd || !line.topLevel) continue;
    const match = pattern.exec(text.slice(line.start, line.end));
    if (match) return line.start + match[0].length;
  }
  return undefined;
}

function escape(key: string): string {
  return key.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/**
 * For the `[` or `{` at `open`:
 * the offset of its closing bracket and of the last character before it that is not space or comment.
 */
export function closingBracket(
  text: string,
  open: number,
): { close: number; lastSignificant: number } | undefined {
  let state: State = 'value';
  let depth = 0;
  let lastSignificant = open;
  for (let at = open; at < text.length; at++) {
    const char = text[at] as string;
    if (state === 'comment' && char === '\n') {
      state = 'value';
      continue;
    }
    const before = state;
    const next = step(text, at, state, depth);
    if (before === 'value' && next.state === 'value' && next.depth < depth && next.depth === 0)
      return { close: at, lastSignificant };
    if (before !== 'comment' && next.state !== 'comment' && !/\s/.test(char))
      lastSignificant = next.at;
    state = next.state;
    depth = next.depth;
    at = next.at;
  }
  return undefined;
}

/**
 * Adds `item` (a TOML value as text) to the end of the array whose `[` is at `open`: inline,
 * or on a line of its own when the `]` has one.
 */
export function appendToArray(text: string, open: number, item: string): string | undefined {
  const found = closingBracket(text, open);
  if (!found) return undefined;
  const { close, lastSignificant } = found;
  const empty = lastSignificant === open;
  const separator = empty || text[lastSignificant] === ',' ? '' : ',';
  const head = `${text.slice(0, lastSignificant + 1)}${separator}`;
  const closeLineStart = text.lastIndexOf('\n', close - 1) + 1;
  const closeOnOwnLine =
    closeLineStart > lastSignificant && text.slice(closeLineStart, close).trim() === '';
  if (!closeOnOwnLine) return `${head}${empty ? '' : ' '}${item}${text.slice(lastSignificant + 1)}`;
  const itemLine = empty ? closeLineStart : text.lastIndexOf('\n', lastSignificant) + 1;
  const indent = (/^[ \t]*/.exec(text.slice(itemLine))?.[0] ?? '') + (empty ? '    ' : '');
  return `${head}${text.slice(lastSignificant + 1, closeLineStart)}${indent}${item},\n${text.slice(closeLineStart)}`;
}

/** Adds `entry` (`key = value`) to the end of the inline table whose `{` is at `open`. */
export function appendToInlineTable(text: string, open: number, entry: string): string | undefined {
  const found = closingBracket(text, open);
  if (!found) return undefined;
  const { close, lastSignificant } = found;
  if (lastSignificant === open) return `${text.slice(0, open + 1)} ${entry} ${text.slice(close)}`;
  return `${text.slice(0, lastSignificant + 1)}, ${entry}${text.slice(lastSignificant + 1)}`;
}

/** Inserts `line` as the last key of `table`, before the blank lines and comments that lead to the next header. */
export function insertIntoTable(
  text: string,
  table: TableRange,
  line: string,
  lines = tomlLines(text),
): string {
  let at = table.bodyStart;
  for (const candidate of lines) {
    if (candidate.start < table.bodyStart || candidate.start >= table.bodyEnd) continue;
    const content = text.slice(candidate.start, candidate.end).trim();
    if (content === '' || (candidate.topLevel && content.startsWith('#'))) continue;
    at = Math.min(candidate.end + 1, text.length);
  }
  const head = text.slice(0, at);
  return `${head}${head.endsWith('\n') || head === '' ? '' : '\n'}${line}\n${text.slice(at)}`;
}

/** Appends `block` (whole lines) after the text, separated by one blank line. */
export function appendBlock(text: string, block: string): string {
  if (text.trim() === '') return block;
  const ended = text.endsWith('\n') ? text : `${text}\n`;
  return `${ended}${ended.endsWith('\n\n') ? '' : '\n'}${block}`;
}
