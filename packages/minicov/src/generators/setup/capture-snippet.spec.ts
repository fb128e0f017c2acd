import { createTreeWithEmptyWorkspace } from 'nx/src/generators/testing-utils/create-tree-with-empty-workspace';
import { describe, expect, it } from 'vitest';
import { callsCapture, captureSnippet } from './capture-snippet';

describe('captureSnippet', () => {
  it('gates the semihosting capture on cfg(minicov)', () =>
    expect(captureSnippet('fw', 'qemu').join('\n')).toMatch(
      /#\[cfg\(minicov\)\]\n\s+\{\n\s+let mut file = minicov::semihosting::SemihostingFile::create\(c"fw\.profraw"\)/,
    ));
  it('writes the host profile to the {profile} argument', () =>
    expect(captureSnippet('tool', 'host').join('\n')).toContain(
      'std::fs::write(&path, &profile[..size])',
    ));
});

describe('callsCapture', () => {
  it('finds capture_coverage in any file under src', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('fw/src/main.rs', 'fn main() {}');
    expect(callsCapture(tree, 'fw')).toBe(false);
    tree.write('fw/src/board/profile.rs', 'minicov::capture_coverage(&mut file)');
    expect(callsCapture(tree, 'fw')).toBe(true);
  });
});
