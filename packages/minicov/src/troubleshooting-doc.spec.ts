// Keeps docs/troubleshooting.md true: every error type is in it, every message it quotes is still in the source,
// and every message the source throws is quoted in it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..');
const pluginSources = join(repo, 'packages', 'minicov', 'src');
const runtimeCrate = join(repo, 'runtime', 'minicov');
const doc = readFileSync(join(repo, 'docs', 'troubleshooting.md'), 'utf8');

/** Every file under `directory` whose name ends with `suffix`, spec files left out. */
function filesUnder(directory: string, suffix: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter(
      (path) =>
        path.endsWith(suffix) && !path.endsWith('.spec.ts') && !path.split('/').includes('target'),
    )
    .map((path) => join(directory, path));
}

const tsFiles = filesUnder(pluginSources, '.ts');
const rustFiles = [
  ...filesUnder(join(runtimeCrate, 'build'), '.rs'),
  ...filesUnder(join(runtimeCrate, 'src'), '.rs'),
];
const read = (path: string) => readFileSync(path, 'utf8');

/**
 * The source as its messages print: Rust line continuations and TypeScript `'a' + 'b'` joined, `${CONSTANT}`
 * replaced by the constant's literal value, and `\\`, `\'`, `\"`, `` \` `` unescaped.
 */
function printedSource(): string {
  const text = [...tsFiles, ...rustFiles].map(read).join('\n');
  const constants = new Map<string, string>();
  for (const [, name, quoted, number] of text.matchAll(
    /\bconst ([A-Z][A-Z0-9_]*)\s*=\s*(?:'([^'\\]*)'|(\d+))\s*;/g,
  )) {
    constants.set(name as string, quoted ?? (number as string));
  }
  return text
    .replace(/\\\n\s*/g, '')
    .replace(/(['"`])\s*\+\s*(['"`])/g, '')
    .replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (whole, name: string) => constants.get(name) ?? whole)
    .replace(/\\([\\'"`])/g, '$1');
}

/** The messages the doc quotes: code spans in `####` headings and in `>` lines. */
function quotedMessages(): string[] {
  const lines = doc.split('\n').filter((line) => line.startsWith('#### ') || line.startsWith('> '));
  return lines.flatMap((line) =>
    [...line.matchAll(/(`+)(.+?)\1(?!`)/g)].map((span) =>
      (span[2] as string).replace(/^ (.*) $/, '$1'),
    ),
  );
}

/** The literal parts of a quoted message: the text between `<placeholders>` and `…`, trimmed to words. */
function literalParts(message: string): string[] {
  return message
    .split(/<[^<>]*>|…/)
    .map((part) => part.replace(/^[^\w\\]+|[^\w]+$/g, ''))
    .filter((part) => (part.match(/[A-Za-z0-9]/g) ?? []).length >= 4);
}

/** Names of the error classes the plugin declares, and the runtime's error types, variants and C codes. */
function errorTypeNames(): string[] {
  const plugin = tsFiles.flatMap((path) =>
    [...read(path).matchAll(/class (\w+) extends MinicovError\b/g)].map((m) => m[1] as string),
  );
  const rust = rustFiles.map(read).join('\n');
  const rustTypes = [...rust.matchAll(/pub (?:enum|struct) (\w*Error)\b/g)].map(
    (m) => m[1] as string,
  );
  const captureEnum = /pub enum CaptureError \{([\s\S]*?)\n\}/.exec(rust)?.[1] ?? '';
  const variants = [...captureEnum.matchAll(/^ {4}([A-Z]\w*)/gm)].map(
    (m) => `CaptureError::${m[1]}`,
  );
  const cCodes = [
    ...read(join(repo, 'runtime', 'c', 'include', 'minicov.h')).matchAll(
      /#define (MINICOV_ERR_\w+)/g,
    ),
  ].map((m) => m[1] as string);
  return ['MinicovError', ...plugin, ...rustTypes, ...variants, ...cCodes];
}

/** What a message literal prints without its `${...}` parts: string, template, or a `+` of them. */
function staticParts(node: ts.Node): string[] | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
  if (ts.isParenthesizedExpression(node)) return staticParts(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = staticParts(node.left);
    const right = staticParts(node.right);
    return left || right ? [...(left ?? []), ...(right ?? [])] : undefined;
  }
  return undefined;
}

/**
 * Where the plugin builds a message: error constructors and super calls (all arguments but the fix),
 * fail-style helpers, problem records.
 */
function thrownMessages(errorClasses: ReadonlySet<string>): { where: string; parts: string[] }[] {
  const found: { where: string; parts: string[] }[] = [];
  for (const path of tsFiles) {
    const source = ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true);
    const add = (node: ts.Node) => {
      const parts = staticParts(node);
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      if (parts) found.push({ where: `${relative(repo, path)}:${line}`, parts });
    };
    const visit = (node: ts.Node): void => {
      const isErrorCall =
        (ts.isNewExpression(node) && errorClasses.has(node.expression.getText(source))) ||
        (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword);
      if (isErrorCall) (node as ts.NewExpression).arguments?.slice(0, -1).forEach(add);
      if (
        ts.isCallExpression(node) &&
        /^(?:(?:this|body)\.)?(?:fail|malformed|differs)$/.test(node.expression.getText(source)) &&
        node.arguments[0]
      ) {
        add(node.arguments[0]);
      }
      if (
        ts.isPropertyAssignment(node) &&
        ['message', 'problem'].includes(node.name.getText(source))
      )
        add(node.initializer);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/**
 * The longest line of static text a message has, trimmed to words;
 * undefined when it is too short to tell messages apart.
 */
function longestPart(parts: readonly string[]): string | undefined {
  const candidates = parts
    .flatMap((part) => part.split('\n'))
    .map((part) => part.replace(/^[^\w\\]+|[^\w]+$/g, ''));
  const longest = candidates.sort((a, b) => b.length - a.length)[0];
  return longest !== undefined && longest.length >= 12 ? longest : undefined;
}

describe('docs/troubleshooting.md', () => {
  const quoted = quotedMessages();

  it('names every error type of the plugin and the runtime', () => {
    const names = errorTypeNames();
    expect(names.length).toBeGreaterThan(25);
    expect(names.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });

  it('quotes only messages the source still prints', () => {
    const source = printedSource();
    expect(quoted.length).toBeGreaterThan(150);
    const missing = quoted.flatMap((message) =>
      literalParts(message)
        .filter((part) => !source.includes(part))
        .map((part) => `${part}   (in: ${message})`),
    );
    expect(missing).toEqual([]);
  });

  it('quotes every message the plugin throws', () => {
    const classes = new Set(errorTypeNames().filter((name) => /^[A-Z]\w*Error$/.test(name)));
    const messages = thrownMessages(classes);
    expect(messages.length).toBeGreaterThan(100);
    const text = quoted.join('\n');
    const undocumented = messages.flatMap(({ where, parts }) => {
      const part = longestPart(parts);
      return part === undefined || text.includes(part) ? [] : [`${where}: ${part}`];
    });
    expect(undocumented).toEqual([]);
  });
});
