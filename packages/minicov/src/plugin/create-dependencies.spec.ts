import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cargoDependencyEdges } from './create-dependencies';

let ws: string;

const manifest = (name: string, dependencies: string, devDependencies = '') =>
  `[package]\nname = "${name}"\nversion = "0.1.0"\n\n[dependencies]\n${dependencies}\n[dev-dependencies]\n${devDependencies}\n`;

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'minicov-edges-'));
  const files: Record<string, string> = {
    'fw/Cargo.toml': manifest(
      'fw',
      'codec = { path = "../libs/codec" }\nminicov = { path = "../runtime/minicov" }\nserde = "1"\n',
      'helper = { path = "../libs/helper" }\n',
    ),
    'libs/codec/Cargo.toml':
      manifest('codec', 'ring = { path = "../ring", version = "0.1" }\n') +
      '\n[target.thumbv7m-none-eabi.dependencies]\nring = { path = "../ring" }\n',
    'libs/ring/Cargo.toml': manifest('ring', ''),
    'libs/helper/Cargo.toml': manifest('helper', ''),
    'runtime/minicov/Cargo.toml': manifest('minicov', ''),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(ws, path)), { recursive: true });
    writeFileSync(join(ws, path), text);
  }
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

describe('cargoDependencyEdges', () => {
  it('links projects that depend on each other by path, read from each Cargo.toml, without running cargo', () => {
    const projects = new Map([
      ['fw', 'fw'],
      ['libs/codec', 'codec'],
      ['libs/ring', 'ring'],
      ['libs/helper', 'helper'],
    ]);
    const edges = cargoDependencyEdges(ws, projects);
    expect(edges).toEqual([
      { source: 'fw', target: 'codec', type: 'static', sourceFile: 'fw/Cargo.toml' },
      { source: 'fw', target: 'helper', type: 'static', sourceFile: 'fw/Cargo.toml' },
      { source: 'codec', target: 'ring', type: 'static', sourceFile: 'libs/codec/Cargo.toml' },
    ]);
  });

  it('links a project to a project it reaches through crates that are not projects', () => {
    const projects = new Map([
      ['fw', 'fw'],
      ['libs/ring', 'ring'],
    ]);
    expect(cargoDependencyEdges(ws, projects)).toEqual([
      { source: 'fw', target: 'ring', type: 'static', sourceFile: 'fw/Cargo.toml' },
    ]);
  });

  it('gives no edge to crates that are not projects, and none from a crate without a manifest', () => {
    expect(
      cargoDependencyEdges(
        ws,
        new Map([
          ['fw', 'fw'],
          ['gone', 'gone'],
        ]),
      ),
    ).toEqual([]);
  });
});
