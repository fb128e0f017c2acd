// The value profile data after the names: one block per function record with value sites,
// checked as llvm-profdata reads it, then nothing but zero padding to the end of the file.
import { dataRecordLayout } from './data-record-layout';
import { padding8 } from './raw-header-fields';
import type { ProfileBodyAccess } from './profile-body-access';
import { RAW_PROFILE_FIXES } from './raw-profile-error';

/** A block starts with u32 TotalSize and u32 NumValueKinds (ValueProfData). */
const BLOCK_HEADER_BYTES = 8;
/** Each kind starts with u32 Kind and u32 NumValueSites (ValueProfRecord), then one count byte per site. */
const KIND_HEADER_BYTES = 8;
/** Each recorded value is {u64 Value, u64 Count} (InstrProfValueData). */
const VALUE_BYTES = 16n;

/**
 * Throws unless every record with value sites has a well-formed block, in record order,
 * and only zero bytes follow the last.
 */
export function checkValueProfileData(body: ProfileBodyAccess): void {
  const { profile, read } = body;
  const layout = dataRecordLayout(profile.rawVersion, profile.pointerBytes);
  const end = profile.fileLength;
  let at = profile.sections.valueData.offset;
  const count = Number(profile.header.numData);
  for (let index = 0; index < count; index++) {
    const record = profile.sections.data.offset + index * layout.size;
    let hasValueSites = false;
    for (let kind = 0; kind < layout.valueKinds; kind++) {
      if (read(record + layout.numValueSitesOffset + 2 * kind, 2) !== 0n) hasValueSites = true;
    }
    if (!hasValueSites) continue;
    at += checkBlock(body, index, at, end, layout.valueKinds);
  }
  checkNothingAfter(body, at);
}

/** Checks the block of record `index` at `at` and returns its size. */
function checkBlock(
  body: ProfileBodyAccess,
  index: number,
  at: number,
  end: number,
  valueKinds: number,
): number {
  const { read, recordLabel, fail } = body;
  const whose = () => `the value profile data of ${recordLabel(index)}`;
  if (end - at < BLOCK_HEADER_BYTES) {
    fail(
      `truncated: ${whose()} needs at least ${BLOCK_HEADER_BYTES} bytes at offset ${at} but the file has ${end} bytes`,
      RAW_PROFILE_FIXES.incomplete,
    );
  }
  const totalSize = Number(read(at, 4));
  const numKinds = Number(read(at + 4, 4));
  if (totalSize > end - at) {
    fail(
      `truncated: ${whose()} needs ${totalSize} bytes at offset ${at} but the file has ${end} bytes`,
      RAW_PROFILE_FIXES.incomplete,
    );
  }
  const malformed = (problem: string): never =>
    fail(
      `malformed value profile data at offset ${at}: ${whose()} ${problem}`,
      RAW_PROFILE_FIXES.corrupt,
    );
  if (totalSize < BLOCK_HEADER_BYTES || totalSize % 8 !== 0)
    malformed(
      `has a total size of ${totalSize} bytes, not a multiple of 8 of at least ${BLOCK_HEADER_BYTES}`,
    );
  if (numKinds > valueKinds)
    malformed(`lists ${numKinds} value kinds, more than the ${valueKinds} this raw version has`);
  const blockEnd = at + totalSize;
  let kindAt = at + BLOCK_HEADER_BYTES;
  for (let k = 0; k < numKinds; k++) {
    if (blockEnd - kindAt < KIND_HEADER_BYTES)
      malformed(`runs out of its ${totalSize} bytes before value kind ${k + 1} of ${numKinds}`);
    const kind = read(kindAt, 4);
    const sites = Number(read(kindAt + 4, 4));
    if (kind >= BigInt(valueKinds))
      malformed(`has value kind ${kind}, which this raw version does not define`);
    const countsBytes = sites + Number(padding8(BigInt(KIND_HEADER_BYTES + sites)));
    if (countsBytes > blockEnd - kindAt - KIND_HEADER_BYTES)
      malformed(`has ${sites} value sites of kind ${kind}, more than its ${totalSize} bytes hold`);
    let values = 0n;
    for (let site = 0; site < sites; site++) values += read(kindAt + KIND_HEADER_BYTES + site, 1);
    const kindBytes = BigInt(KIND_HEADER_BYTES + countsBytes) + values * VALUE_BYTES;
    if (kindBytes > BigInt(blockEnd - kindAt))
      malformed(`records ${values} values of kind ${kind}, more than its ${totalSize} bytes hold`);
    kindAt += Number(kindBytes);
  }
  return totalSize;
}

/**
 * llvm-profdata reads any non-zero byte after the value data as the start of another profile;
 * minicov takes one profile per file.
 */
function checkNothingAfter(body: ProfileBodyAccess, at: number): void {
  const { bytes, profile } = body;
  let first = at;
  while (first < bytes.length && bytes[first] === 0) first++;
  if (first === bytes.length) return;
  const another =
    bytes.length - first >= 8 && bytes.readBigUInt64BE(first) === bytes.readBigUInt64BE(0);
  body.fail(
    `${bytes.length - at} bytes follow the end of the profile at offset ${at}` +
      (another
        ? `, and they start another ${profile.pointerBytes * 8}-bit profile at offset ${first}`
        : `, not all zero (the first non-zero byte is at offset ${first})`),
    another
      ? 'write each capture to a file of its own (LLVM_PROFILE_FILE with %p or %m, or a new file per minicov capture) instead of appending to one file'
      : 'keep exactly the bytes the capture wrote (its length is what minicov_profile_size returns): the file has extra bytes after the profile, from an old capture or the transfer',
  );
}
