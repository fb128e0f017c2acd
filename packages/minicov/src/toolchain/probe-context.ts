// Where toolchain probes run: the project's directory and the environment its tasks will see.

/** The directory and environment a probe runs tools in, exactly as the build will. */
export interface ProbeContext {
  /** The project's directory: rust-toolchain.toml is honoured from here upwards. */
  cwd: string;
  env: Record<string, string | undefined>;
}

/** A probe context for `cwd` with this process's environment. */
export function probeContextFor(cwd: string, env: NodeJS.ProcessEnv = process.env): ProbeContext {
  return { cwd, env: { ...env } };
}
