// The [package.metadata.minicov] table setup writes for an adopted crate.
import type { CrateRunSettings } from './crate-run-settings';

/** The table's lines, with a comment that says what the keys make minicov do. */
export function metadataTable(
  crateName: string,
  settings: CrateRunSettings,
  linkFragment: boolean,
): string {
  const where =
    settings.runner === 'qemu' ? `run it in QEMU ${settings.machine.name}` : 'run it on the host';
  const keys =
    settings.runner === 'qemu'
      ? [
          `target = "${settings.target}"`,
          'runner = "qemu"',
          `machine = "${settings.machine.name}"`,
          ...(linkFragment ? ['link-fragment = true'] : []),
        ]
      : ['runner = "host"'];
  return [
    `# minicov: \`nx run ${crateName}:coverage\` and \`nx run ${crateName}:pgo\` build this crate instrumented (with --cfg minicov) and ${where}.`,
    '[package.metadata.minicov]',
    ...keys,
    '',
  ].join('\n');
}
