// The error every raw-profile check throws, and the fixes its messages end with.
import { MinicovError } from '../errors';

/** A .profraw file that cannot be used: `file` names it, `reason` says why. */
export class RawProfileError extends MinicovError {
  constructor(
    readonly file: string,
    readonly reason: string,
    fix: string,
  ) {
    super(`${file}: ${reason}`, fix);
  }
}

/** Fixes shared by the raw-profile checks. */
export const RAW_PROFILE_FIXES = {
  incomplete:
    'the profile was not written completely: run the instrumented program again until it exits normally (or calls the profile dump), ' +
    'make sure the whole file reaches the host (semihosting, serial or debugger transfer), and use that new file',
  notProfile:
    'pass the .profraw file the instrumented program wrote (not an indexed .profdata, a log or a hex dump); ' +
    'if the profile travels over a serial or debug link, save it as raw bytes',
  notZeroed:
    'zero the counters before any instrumented code runs: place __llvm_prf_cnts (NOLOAD) inside the RAM the reset handler zeroes, away from the heap, the stack and stack painting; ' +
    "with cortex-m-rt's link.x set `link-fragment = true` in [package.metadata.minicov] (docs/adopting-firmware.md)",
  recordsNotLoaded:
    'place __llvm_prf_data and __llvm_prf_names in flash (KEEP, `> FLASH`), where a flash programmer writes them; ' +
    "with cortex-m-rt's link.x set `link-fragment = true` in [package.metadata.minicov] (docs/adopting-firmware.md)",
  corrupt:
    'the file is corrupt: delete it and run the instrumented program again to write a fresh profile',
  differentBuild:
    'run the program built from the current sources again and use the profile it writes; ' +
    'do not mix profiles written by different builds (delete old .profraw files after every rebuild)',
} as const;
