/** Options of `nx g minicov:crate`. */
export interface CrateGeneratorSchema {
  /** Cargo package name, also the Nx project name. */
  name: string;
  /** `firmware` (a QEMU-run binary) or `lib` (a host library covered by its unit tests). */
  kind?: 'lib' | 'firmware';
  /** `host`, `thumbv7m-none-eabi` or `thumbv7em-none-eabihf`. */
  target?: string;
  /** QEMU machine of firmware: `lm3s6965evb`, `mps2-an385` or `mps2-an386`. */
  machine?: string;
  /** Add a C module compiled by build.rs. */
  withC?: boolean;
  /** Where the crate goes, relative to the workspace root (default `crates/<name>`). */
  directory?: string;
  skipFormat?: boolean;
}
