/** Options of `nx g minicov:setup`. */
export interface SetupGeneratorSchema {
  /** An existing Cargo crate directory to opt in. */
  project?: string;
  /** Require a toolchain that can build embedded targets (default true). */
  embedded?: boolean;
  skipFormat?: boolean;
}
