import { describe, expect, it } from 'vitest';
import {
  appendBlock,
  appendToArray,
  appendToInlineTable,
  closingBracket,
  findKeyValue,
  findTable,
  insertIntoTable,
  tomlLines,
} from './toml-text';

const DOC = [
  '# a workspace',
  '[workspace]',
  'members = [',
  '    "a", # the first',
  '    "b"',
  ']',
  'metadata = { note = "[not] a table" }',
  '',
  '# comes before [profile]',
  "[target.'cfg(unix)'.dependencies]",
  'x = """',
  '[not-a-header]',
  '"""',
  '[[bin]]',
  'name = "b"',
].join('\n');

describe('tomlLines', () => {
  it('finds headers, quoted keys and arrays of tables, and nothing inside strings or arrays', () => {
    const headers = tomlLines(DOC).flatMap((line) => (line.header ? [line.header] : []));
    expect(headers).toEqual([
      { path: ['workspace'], arrayOfTables: false },
      { path: ['target', 'cfg(unix)', 'dependencies'], arrayOfTables: false },
      { path: ['bin'], arrayOfTables: true },
    ]);
  });
  it('marks lines inside a multi-line array as not top-level', () =>
    expect(
      tomlLines(DOC)
        .map((line) => line.topLevel)
        .slice(2, 7),
    ).toEqual([true, false, false, false, true]));
});

describe('findTable and findKeyValue', () => {
  it('spans a table from its header to the next one', () =>
    expect(
      DOC.slice(findTable(DOC, ['workspace'])?.bodyStart, findTable(DOC, ['workspace'])?.bodyEnd),
    ).toMatch(/^members[\s\S]*\[profile\]\n$/));
  it('finds no table that is only a prefix of a header', () =>
    expect(findTable(DOC, ['target'])).toBeUndefined());
  it('finds where a key value starts inside its table only', () => {
    const table = findTable(DOC, ['workspace']);
    expect(
      table &&
        DOC.slice(findKeyValue(DOC, table, 'metadata'), findKeyValue(DOC, table, 'metadata')! + 6),
    ).toBe('{ note');
    expect(table && findKeyValue(DOC, table, 'name')).toBeUndefined();
  });
});

describe('closingBracket', () => {
  it('skips brackets in strings and comments', () =>
    expect(closingBracket('["]", # ]\n "a"] x', 0)).toEqual({ close: 14, lastSignificant: 13 }));
});

describe('appendToArray', () => {
  const append = (text: string) => appendToArray(text, text.indexOf('['), '"x"');
  it('fills an empty inline array', () => expect(append('m = []\n')).toBe('m = ["x"]\n'));
  it('adds to an inline array', () =>
    expect(append('m = ["a"] # c\n')).toBe('m = ["a", "x"] # c\n'));
  it('adds after a trailing comma', () => expect(append('m = ["a",]')).toBe('m = ["a", "x"]'));
  it('adds a line to a multi-line array, keeping comments', () =>
    expect(append('m = [\n  "a" # c\n]\n')).toBe('m = [\n  "a", # c\n  "x",\n]\n'));
  it('adds a line to an empty multi-line array', () =>
    expect(append('m = [\n]\n')).toBe('m = [\n    "x",\n]\n'));
  it('adds inline when the bracket closes on the last item line', () =>
    expect(append('m = [\n  "a"]\n')).toBe('m = [\n  "a", "x"]\n'));
});

describe('appendToInlineTable', () => {
  it('adds an entry', () =>
    expect(appendToInlineTable('u = { level = "warn" }', 4, 'k = 1')).toBe(
      'u = { level = "warn", k = 1 }',
    ));
  it('fills an empty table', () =>
    expect(appendToInlineTable('u = {}', 4, 'k = 1')).toBe('u = { k = 1 }'));
});

describe('insertIntoTable', () => {
  const text = '[a]\nx = 1\n\n# about b\n[b]\n';
  it('adds after the last key, before blank lines and the next table comment', () =>
    expect(insertIntoTable(text, findTable(text, ['a'])!, 'y = 2')).toBe(
      '[a]\nx = 1\ny = 2\n\n# about b\n[b]\n',
    ));
  it('adds to a header at the end without a newline', () =>
    expect(insertIntoTable('[b]', findTable('[b]', ['b'])!, 'y = 2')).toBe('[b]\ny = 2\n'));
});

describe('appendBlock', () => {
  it('separates the block by one blank line', () =>
    expect(appendBlock('a = 1', '[t]\n')).toBe('a = 1\n\n[t]\n'));
  it('adds no second blank line', () =>
    expect(appendBlock('a = 1\n\n', '[t]\n')).toBe('a = 1\n\n[t]\n'));
});
