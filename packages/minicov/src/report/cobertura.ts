// Cobertura XML (coverage-04 DTD) from the report's lcov records: one package per directory, one class per file.
import { posix } from 'node:path';
import { branchTotals, lineTotals, type LcovBranch, type LcovFile } from './lcov-model';

/** What the `<coverage>` element says about the run that produced it. */
export interface CoberturaHeader {
  /** Seconds since the epoch. */
  timestamp: number;
  /** The producing tool, e.g. `minicov 0.1.0`. */
  version: string;
}

/** Covered share as Cobertura writes it (0..1); 1 when there is nothing to cover. */
function rate(hit: number, found: number): string {
  return found === 0 ? '1' : String(Number((hit / found).toFixed(6)));
}

/** Escapes text for an XML attribute value in double quotes. */
export function xmlAttribute(text: string): string {
  return text
    .replace(
      /[&<>"]/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string,
    )
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Totals {
  lines: { found: number; hit: number };
  branches: { found: number; hit: number };
}

function add(a: Totals, b: Totals): Totals {
  return {
    lines: { found: a.lines.found + b.lines.found, hit: a.lines.hit + b.lines.hit },
    branches: { found: a.branches.found + b.branches.found, hit: a.branches.hit + b.branches.hit },
  };
}

const NONE: Totals = { lines: { found: 0, hit: 0 }, branches: { found: 0, hit: 0 } };

function totalsOf(file: LcovFile): Totals {
  return { lines: lineTotals(file), branches: branchTotals(file.branches) };
}

function rates(totals: Totals): string {
  return `line-rate="${rate(totals.lines.hit, totals.lines.found)}" branch-rate="${rate(totals.branches.hit, totals.branches.found)}"`;
}

/** `<line>` for one line: hits, and for lines with branches the share of outcomes taken. */
function lineElement(line: number, hits: number, branches: readonly LcovBranch[]): string {
  if (branches.length === 0) return `<line number="${line}" hits="${hits}" branch="false"/>`;
  const { found, hit } = branchTotals(branches);
  const percent = Math.floor((hit * 100) / found);
  return `<line number="${line}" hits="${hits}" branch="true" condition-coverage="${percent}% (${hit}/${found})"/>`;
}

function classElement(file: LcovFile, indent: string): string[] {
  const branchesByLine = new Map<number, LcovBranch[]>();
  for (const branch of file.branches)
    branchesByLine.set(branch.line, [...(branchesByLine.get(branch.line) ?? []), branch]);
  const lineNumbers = [...new Set([...file.lines.keys(), ...branchesByLine.keys()])].sort(
    (a, b) => a - b,
  );
  const out = [
    `${indent}<class name="${xmlAttribute(posix.basename(file.path))}" filename="${xmlAttribute(file.path)}" ${rates(totalsOf(file))} complexity="0">`,
  ];
  out.push(`${indent}  <methods>`);
  for (const fn of [...file.functions].sort(
    (a, b) => a.line - b.line || (a.name < b.name ? -1 : 1),
  )) {
    const hit = fn.hits > 0 ? 1 : 0;
    out.push(
      `${indent}    <method name="${xmlAttribute(fn.name)}" signature="" line-rate="${hit}" branch-rate="1" complexity="0">`,
      `${indent}      <lines><line number="${fn.line}" hits="${fn.hits}" branch="false"/></lines>`,
      `${indent}    </method>`,
    );
  }
  out.push(`${indent}  </methods>`, `${indent}  <lines>`);
  for (const line of lineNumbers)
    out.push(
      `${indent}    ${lineElement(line, file.lines.get(line) ?? 0, branchesByLine.get(line) ?? [])}`,
    );
  out.push(`${indent}  </lines>`, `${indent}</class>`);
  return out;
}

/** The whole Cobertura document for `files` (paths as they should appear, e.g. workspace-relative). */
export function formatCobertura(files: readonly LcovFile[], header: CoberturaHeader): string {
  const byPackage = new Map<string, LcovFile[]>();
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const directory = posix.dirname(file.path);
    byPackage.set(directory, [...(byPackage.get(directory) ?? []), file]);
  }
  const total = files.map(totalsOf).reduce(add, NONE);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // A comment rather than a DOCTYPE, so that readers never try to fetch the DTD from the network.
    '<!-- Cobertura coverage-04: http://cobertura.sourceforge.net/xml/coverage-04.dtd -->',
    `<coverage ${rates(total)} lines-covered="${total.lines.hit}" lines-valid="${total.lines.found}" ` +
      `branches-covered="${total.branches.hit}" branches-valid="${total.branches.found}" complexity="0" ` +
      `version="${xmlAttribute(header.version)}" timestamp="${header.timestamp}">`,
    '  <sources>',
    '    <source>.</source>',
    '  </sources>',
    '  <packages>',
  ];
  for (const [directory, members] of byPackage) {
    const name = directory === '.' ? '(root)' : directory.split('/').join('.');
    out.push(
      `    <package name="${xmlAttribute(name)}" ${rates(members.map(totalsOf).reduce(add, NONE))} complexity="0">`,
      '      <classes>',
    );
    for (const file of members) out.push(...classElement(file, '        '));
    out.push('      </classes>', '    </package>');
  }
  out.push('  </packages>', '</coverage>', '');
  return out.join('\n');
}
