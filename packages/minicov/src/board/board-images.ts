// The files a board-faithful QEMU run loads:
// the flash image a programmer writes, and RAM as a board has it at power-up.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElfFile } from '../profile/elf-file';
import { flashImage } from './flash-image';
import type { Machine } from './machines';

/** RAM holds this byte everywhere when a run starts: not zero, as on a board after power-up. */
export const RAM_FILL_BYTE = 0xa5;

/** One raw image QEMU places at `address` before the core leaves reset, and the file name it is written to. */
export interface BoardImage {
  name: string;
  address: number;
  bytes: Buffer;
}

/** One raw file QEMU places at `address` before the core leaves reset. */
export interface BoardLoad {
  file: string;
  address: number;
}

/** What `elf` starts with on `machine`: its flash image, then RAM full of RAM_FILL_BYTE. */
export function boardImages(elf: ElfFile, machine: Machine): BoardImage[] {
  const flash = flashImage(elf, machine);
  return [
    { name: 'flash.bin', address: flash.address, bytes: flash.bytes },
    {
      name: 'ram-at-power-up.bin',
      address: machine.ram.origin,
      bytes: Buffer.alloc(machine.ram.length, RAM_FILL_BYTE),
    },
  ];
}

/** Writes `elf`'s board images for `machine` into `directory`; returns what QEMU must load. */
export async function writeBoardImages(
  elf: ElfFile,
  machine: Machine,
  directory: string,
): Promise<BoardLoad[]> {
  const loads: BoardLoad[] = [];
  for (const image of boardImages(elf, machine)) {
    const file = join(directory, image.name);
    await writeFile(file, image.bytes);
    loads.push({ file, address: image.address });
  }
  return loads;
}

/** QEMU's generic-loader arguments for `loads` (raw bytes, commas in paths doubled as QEMU's option syntax wants). */
export function qemuLoaderArgs(loads: readonly BoardLoad[]): string[] {
  return loads.flatMap((load) => [
    '-device',
    `loader,file=${load.file.replaceAll(',', ',,')},addr=0x${load.address.toString(16)},force-raw=on`,
  ]);
}
