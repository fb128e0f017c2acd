// What a firmware ELF carries: profiling runtime traces, and the flash and RAM it takes on its machine.
import { readFileSync } from 'node:fs';
import { flashBytes, ramBytes } from '../../packages/minicov/src/board/instrumentation-cost';
import type { Machine } from '../../packages/minicov/src/board/machines';
import { ElfFile } from '../../packages/minicov/src/profile/elf-file';
import { mustRun } from './exec';

/**
 * What only an instrumented build with the profiling runtime has: runtime and per-function profile symbols, and
 * profile sections with contents (a linker script may define them, empty, in every build).
 */
export function runtimeTraces(elf: string): string[] {
  const symbols = mustRun('llvm-nm-22', ['--defined-only', elf])
    .stdout.toString('utf8')
    .split('\n')
    .map((line) => line.split(' ').pop() ?? '');
  const sections = new ElfFile(elf, readFileSync(elf)).sections
    .filter((section) => section.size > 0n)
    .map((section) => section.name);
  return [
    ...symbols.filter((name) =>
      /^(__llvm_profile_|minicov_|__profc_|__profd_|__profbm_|__profvp_)/.test(name),
    ),
    ...sections.filter((name) => name.startsWith('__llvm_prf_') || name.startsWith('__llvm_cov')),
  ];
}

/**
 * Bytes a flash programmer writes (load segments with contents)
 * and bytes of RAM the image reserves (allocated sections in RAM): the figures of the build step's cost report.
 */
export function flashAndRam(elf: string, machine: Machine): { flash: number; ram: number } {
  const file = new ElfFile(elf, readFileSync(elf));
  return { flash: flashBytes(file), ram: ramBytes(file, machine.ram) };
}
