// LLVM raw profiles (.profraw): read the header and sections, check version and pointer width, match them to a binary.
export { RawProfileError } from './raw-profile-error';
export {
  RAW_SECTION_ORDER,
  rawSectionLabel,
  readRawProfileHeader,
  type RawProfile,
  type RawProfileReadOptions,
  type RawSection,
  type RawSectionName,
} from './raw-profile-reader';
export {
  checkProfileMatchesBinary,
  validateRawProfile,
  type RawProfileExpectation,
} from './profile-vs-binary';
