// A link that failed because the image does not fit a memory region of the linker script, read from the linker's
// messages (rust-lld's and GNU ld's).
/** One region the linker could not fit the image in, and by how many bytes at least (when the linker says). */
export interface RegionOverflow {
  region: string;
  bytes?: number;
}

/** The regions the linker's output says overflowed, each with its largest overflow; empty for any other failure. */
export function linkOverflows(output: string): RegionOverflow[] {
  const found = new Map<string, number>();
  const patterns = [
    // rust-lld: section '.text' will not fit in region 'FLASH': overflowed by 150 bytes
    /will not fit in region '([^']+)': overflowed by (\d+) bytes/g,
    // GNU ld: region `FLASH' overflowed by 150 bytes
    /region `([^']+)' overflowed by (\d+) bytes/g,
  ];
  for (const pattern of patterns) {
    for (const match of output.matchAll(pattern)) {
      const region = match[1] as string;
      found.set(region, Math.max(found.get(region) ?? 0, Number(match[2])));
    }
  }
  const overflows: RegionOverflow[] = [...found].map(([region, bytes]) => ({ region, bytes }));
  // The linker scripts minicov generates assert room for the stack above the zeroed RAM.
  if (/link\.ld: less than \d+ KiB of RAM left for the stack/.test(output))
    overflows.push({ region: 'RAM' });
  return overflows;
}
