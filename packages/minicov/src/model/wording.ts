// Small pieces of the plugin's wording, shared by its messages.

/** `1 profile`, `2 profiles`: a count with its noun in the right number. */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/**
 * Whether the user asked for everything the steps can print (MINICOV_VERBOSE=1): each merged profile's path, and the
 * emulator's notices the steps leave out by default. An environment variable, so it never changes a task's hash.
 */
export function verbose(): boolean {
  const value = process.env.MINICOV_VERBOSE;
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}
