/** Options of `nx g minicov:setup`. */
export interface SetupGeneratorSchema {
  /** An existing Cargo crate directory to adopt. */
  project?: string;
  /**
   * The adopted crate's target: `host`, `thumbv7m-none-eabi` or `thumbv7em-none-eabihf`;
   * takes precedence over its .cargo/config.toml.
   */
  target?: string;
  /** The adopted firmware's QEMU machine; takes precedence over the runner line of its .cargo/config.toml. */
  machine?: string;
  /** Require a toolchain that can build embedded targets (default: true, unless the adopted crate runs on the host). */
  embedded?: boolean;
  skipFormat?: boolean;
}
