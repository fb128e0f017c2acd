// The error for a firmware layout that works only in an emulator: something a board would not have at power-up.
import { MinicovError } from '../errors';

/** A binary whose memory layout a flashed board would not run as the emulator does. */
export class BoardLayoutError extends MinicovError {}
