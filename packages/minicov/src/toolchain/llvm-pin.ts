// The workspace's LLVM pin: one major for rustc, clang, the runtime and the LLVM tools.
import { MinicovError } from '../errors';

/** LLVM majors the bundled runtime can write profiles for (raw versions 8, 9 and 10). */
export const SUPPORTED_LLVM_MAJORS = { min: 14, max: 22 } as const;

/** The plugin option that declares the pin, as written in nx.json. */
export const LLVM_PIN_OPTION = 'llvmMajor';

/** The pin is missing or not a supported LLVM major. */
export class LlvmPinError extends MinicovError {}

/** Validates the `llvmMajor` plugin option from nx.json and returns it as a number. */
export function readLlvmPin(value: unknown): number {
  if (value === undefined) {
    throw new LlvmPinError(
      'nx.json: the minicov plugin options declare no llvmMajor (the LLVM major every tool must share)',
      'run `nx g minicov:setup`, or add `"llvmMajor": 22` to the minicov entry of "plugins" in nx.json',
    );
  }
  const major = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof major !== 'number' || !Number.isInteger(major)) {
    throw new LlvmPinError(
      `nx.json: minicov option llvmMajor is ${JSON.stringify(value)}, not an LLVM major version`,
      'write a whole number such as `"llvmMajor": 22`',
    );
  }
  if (major < SUPPORTED_LLVM_MAJORS.min || major > SUPPORTED_LLVM_MAJORS.max) {
    throw new LlvmPinError(
      `nx.json: minicov option llvmMajor is ${major}; the minicov runtime supports LLVM ${SUPPORTED_LLVM_MAJORS.min} to ${SUPPORTED_LLVM_MAJORS.max}`,
      `pin a supported major (e.g. 22) and a Rust toolchain built on it`,
    );
  }
  return major;
}
