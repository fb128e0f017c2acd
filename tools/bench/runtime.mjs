// `npm run bench:runtime`: the runtime's footprint on Cortex-M3 and its capture cost on the host.
import { measureCaptureCost } from './capture-cost.mjs';
import { measureFirmwareRuntime } from './firmware-size.mjs';

const fw = measureFirmwareRuntime();
console.log(
  'Runtime in examples/fw, coverage build, thumbv7m-none-eabi, -Os (runtime symbols only)',
);
for (const s of fw.symbols.sort((a, b) => b.size - a.size)) {
  console.log(`  ${String(s.size).padStart(6)} B  ${s.where.padEnd(5)}  ${s.name}`);
}
console.log(`  flash: ${fw.flash} B (target <= 1200)   RAM: ${fw.ram} B (target <= 64)`);
console.log(
  '  for scale, published for the minicov 0.3.8 C runtime linked the same way: ~2300 B flash, ~33000 B RAM',
);

const cost = measureCaptureCost();
const perByte = (ir) => (ir / cost.profileBytes).toFixed(2);
console.log(
  '\nCapture cost on x86_64 (callgrind instructions, one capture into a preallocated buffer)',
);
console.log(`  profile: ${cost.profileBytes} B`);
console.log(`  capture: ${cost.captureIr} Ir (${perByte(cost.captureIr)} Ir/B)`);
console.log(`  memcpy of the same bytes: ${cost.memcpyIr} Ir (${perByte(cost.memcpyIr)} Ir/B)`);
console.log(`  ratio: ${(cost.captureIr / cost.memcpyIr).toFixed(2)}x (target <= 2x)`);
