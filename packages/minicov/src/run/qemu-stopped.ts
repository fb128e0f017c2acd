// QEMU's own note that a signal stopped it: it then exits with status 0, as if the firmware had finished.
import { constants } from 'node:os';

/**
 * The signal, and who sent it, when `stderr` holds QEMU's
 * `qemu-system-<arch>: terminating on signal N [from pid P (name)]`;
 * undefined when QEMU ended by itself (the firmware's semihosting exit).
 */
export function qemuStoppedBy(stderr: string): string | undefined {
  const match =
    /^qemu-system-[\w-]+: terminating on signal (\d+)(?: from pid (\d+)(?: \(([^)\n]*)\))?)?/m.exec(
      stderr,
    );
  if (!match) return undefined;
  const number = Number(match[1]);
  const name = Object.entries(constants.signals).find(([, value]) => value === number)?.[0];
  const signal = name ? `${name} (signal ${number})` : `signal ${number}`;
  if (!match[2]) return signal;
  return `${signal} from process ${match[2]}${match[3] ? ` (${match[3]})` : ''}`;
}
