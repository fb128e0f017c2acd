// The command line of one run: the host binary itself, QEMU with semihosting, or the user's own command.
import { qemuLoaderArgs, type BoardLoad } from '../board/board-images';
import type { Runner } from '../model/crate-settings';

/** What one run needs to know. */
export interface RunCommandInput {
  runner: Runner;
  binary: string;
  /** The run's program arguments, with `{profile}` and `{bin}` still unexpanded. */
  args: string[];
  /** Where this run's profile should go, for `{profile}`. */
  profile: string;
  machine?: string;
  /** qemu-system-<arch>, for the qemu runner. */
  qemu?: string;
  /**
   * For the qemu runner: what the emulated board starts with (flash image, RAM contents), instead of loading the ELF.
   */
  boardLoads?: readonly BoardLoad[];
  /** The user's command for the command runner. */
  command?: string[];
}

/** The program and argument array of one run (never a shell string). */
export function runCommand(input: RunCommandInput): { file: string; args: string[] } {
  const expand = (value: string) =>
    value.replaceAll('{profile}', input.profile).replaceAll('{bin}', input.binary);
  const args = input.args.map(expand);
  switch (input.runner) {
    case 'host':
    case 'test':
      return { file: input.binary, args };
    case 'qemu': {
      if (!input.qemu || !input.machine || !input.boardLoads)
        throw new Error('the qemu runner needs the QEMU path, a machine and the board images');
      // Semihosting arguments reach the firmware's SYS_GET_CMDLINE; commas are escaped QEMU's way (doubled).
      const semihostingArgs =
        args.length > 0
          ? [input.binary, ...args].map((arg) => `,arg=${arg.replaceAll(',', ',,')}`).join('')
          : '';
      return {
        file: input.qemu,
        // No -kernel: QEMU would load every ELF segment, RAM ones included, where a flash programmer writes only flash.
        args: [
          '-M',
          input.machine,
          '-nographic',
          '-semihosting-config',
          `enable=on,target=native${semihostingArgs}`,
          ...qemuLoaderArgs(input.boardLoads),
        ],
      };
    }
    case 'gdb':
      throw new Error(
        'a gdb run starts its server and a GDB client, not a command (run/gdb-run.ts)',
      );
    case 'command': {
      const [file, ...rest] = (input.command ?? []).map(expand);
      if (!file) throw new Error('the command runner needs a command');
      return { file, args: [...rest, ...args] };
    }
  }
}
