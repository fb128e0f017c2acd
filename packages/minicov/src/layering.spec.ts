// Keeps imports running down the layers: every non-spec .ts file of the plugin is read, and each import of our own
// code that goes up a layer, sideways where the rules below forbid it, or out of the package is named with its arrow.
//
// The layers, top to bottom, and what each may import besides its own folder:
//   package entry index.ts (what Nx loads)                     anything below
//   entry points  plugin/, executors/, generators/             anything below; never one another
//   step context  context.ts                                   services, model, leaves
//   services      cargo/, toolchain/, profile/, report/, run/, board/, pgo/
//                                                              model, leaves, and another service only along an
//                                                              edge of SERVICE_IMPORTS (which must have no cycle)
//   model         model/                                       leaves
//   leaves        process/, fs/, errors.ts                     errors.ts alone
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const plugin = join(import.meta.dirname, '..');
const src = join(plugin, 'src');

/** The layers, top first; a member is a folder under src/ or a file (index.ts is the package's own). */
const LAYERS = [
  { name: 'package entry', members: ['index.ts'] },
  { name: 'entry points', members: ['plugin', 'executors', 'generators'] },
  { name: 'step context', members: ['context.ts'] },
  { name: 'services', members: ['cargo', 'toolchain', 'profile', 'report', 'run', 'board', 'pgo'] },
  { name: 'model', members: ['model'] },
  { name: 'leaves', members: ['process', 'fs', 'errors.ts'] },
] as const;

/** The services each service may import (nothing else of its own layer). */
const SERVICE_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  cargo: ['board', 'profile'],
  run: ['board', 'profile'],
  board: ['profile', 'toolchain'],
  profile: [],
  toolchain: [],
  report: [],
  pgo: [],
};

/** The member of `path` (absolute): its first folder under src/, or its file name; undefined outside the plugin. */
function memberOf(path: string): string | undefined {
  if (path === join(plugin, 'index.ts')) return 'index.ts';
  const inside = relative(src, path);
  if (inside.startsWith('..')) return undefined;
  const first = inside.split(sep)[0] as string;
  return inside.includes(sep) ? first : first.replace(/\.ts$/, '') + '.ts';
}

function layerOf(member: string): number {
  return LAYERS.findIndex((layer) => (layer.members as readonly string[]).includes(member));
}

/** Every non-spec TypeScript file of the plugin: index.ts and src/**. */
function sourceFiles(): string[] {
  const under = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.spec.ts'))
    .filter((path) => !path.split(sep).includes('files'))
    .map((path) => join(src, path));
  return [join(plugin, 'index.ts'), ...under];
}

/** Why an import from `from` (a member) of `to` (a member, or undefined outside the plugin) breaks the rules, if so. */
function violation(from: string, to: string | undefined): string | undefined {
  if (to === undefined) return 'the plugin imports nothing of the repository outside its package';
  if (to === from) return undefined;
  const [a, b] = [layerOf(from), layerOf(to)];
  const names = `${LAYERS[a]?.name} imports ${LAYERS[b]?.name}`;
  if (b < a) return `goes up: ${names}`;
  if (b > a) return undefined;
  if (LAYERS[a]?.name === 'services' && SERVICE_IMPORTS[from]?.includes(to)) return undefined;
  if (LAYERS[a]?.name === 'leaves' && to === 'errors.ts') return undefined;
  return `sideways: ${from} may not import ${to}`;
}

/** Every arrow that breaks the rules, as `file -> import: why`. */
function wrongArrows(): string[] {
  return sourceFiles().flatMap((file) => {
    const from = memberOf(file) as string;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    return importedFiles
      .filter(({ fileName }) => fileName.startsWith('.'))
      .flatMap(({ fileName }) => {
        const why = violation(from, memberOf(resolve(dirname(file), fileName)));
        return why ? [`${relative(plugin, file)} -> ${fileName}: ${why}`] : [];
      });
  });
}

describe('layering', () => {
  it('knows the layer of every file', () => {
    const members = new Set(sourceFiles().map((file) => memberOf(file) as string));
    expect([...members].filter((member) => layerOf(member) < 0)).toEqual([]);
  });

  it('lets services import one another without a cycle', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (service: string, path: string[]) => {
      if (done.has(service)) return;
      if (visiting.has(service)) return void cycles.push([...path, service].join(' -> '));
      visiting.add(service);
      for (const next of SERVICE_IMPORTS[service] ?? []) visit(next, [...path, service]);
      visiting.delete(service);
      done.add(service);
    };
    Object.keys(SERVICE_IMPORTS).forEach((service) => visit(service, []));
    expect(cycles).toEqual([]);
    const services = LAYERS.find((layer) => layer.name === 'services')?.members ?? [];
    expect(Object.keys(SERVICE_IMPORTS).sort()).toEqual([...services].sort());
  });

  it('has no import going up a layer, or sideways where the rules forbid', () =>
    expect(wrongArrows()).toEqual([]));

  it('catches an arrow the wrong way', () => {
    expect(violation('model', 'cargo')).toMatch(/^goes up: model imports services/);
    expect(violation('context.ts', 'executors')).toMatch(/^goes up/);
    expect(violation('plugin', 'executors')).toMatch(/^sideways/);
    expect(violation('profile', 'cargo')).toMatch(/^sideways/);
    expect(violation('fs', 'process')).toMatch(/^sideways/);
    expect(violation('cargo', 'board')).toBeUndefined();
    expect(violation('executors', 'errors.ts')).toBeUndefined();
    expect(violation('index.ts', 'plugin')).toBeUndefined();
  });
});
