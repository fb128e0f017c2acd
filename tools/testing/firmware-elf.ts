// What a firmware ELF carries: profiling runtime traces, and the flash and RAM it takes on its machine.
import { readFileSync } from 'node:fs';
import { inRegion } from '../../packages/minicov/src/board/flash-image';
import type { Machine } from '../../packages/minicov/src/board/machines';
import { ElfFile, SHF_ALLOC, SHT_NULL } from '../../packages/minicov/src/profile/elf-file';
import { mustRun } from './exec';

/** Symbols and sections that only an instrumented build with the profiling runtime has. */
export function runtimeTraces(elf: string): string[] {
  const symbols = mustRun('llvm-nm-22', ['--defined-only', elf]).stdout.toString('utf8').split('\n').map((line) => line.split(' ').pop() ?? '');
  const sections = new ElfFile(elf, readFileSync(elf)).sections.map((section) => section.name);
  return [
    ...symbols.filter((name) => /^(__llvm_profile_|minicov_|__llvm_prf_|__start___llvm_prf|__stop___llvm_prf)/.test(name)),
    ...sections.filter((name) => name.startsWith('__llvm_')),
  ];
}

/** Bytes a flash programmer writes (load segments with contents) and bytes of RAM the image reserves (allocated sections in RAM). */
export function flashAndRam(elf: string, machine: Machine): { flash: number; ram: number } {
  const file = new ElfFile(elf, readFileSync(elf));
  const flash = file.loadSegments.filter((segment) => segment.fileSize > 0n).reduce((sum, segment) => sum + Number(segment.fileSize), 0);
  const ram = file.sections
    .filter((section) => section.type !== SHT_NULL && (section.flags & SHF_ALLOC) !== 0n && inRegion(machine.ram, section.addr, section.addr + section.size))
    .reduce((sum, section) => sum + Number(section.size), 0);
  return { flash, ram };
}
