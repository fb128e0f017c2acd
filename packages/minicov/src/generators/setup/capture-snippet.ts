// The code an adopted crate needs to write its profile, shown until its sources call capture_coverage.
import { posix } from 'node:path';
import type { Tree } from '@nx/devkit';

/** Whether any .rs file under `crateDir`/src calls the runtime's capture already. */
export function callsCapture(tree: Tree, crateDir: string): boolean {
  const visit = (dir: string): boolean =>
    tree.children(dir).some((child) => {
      const path = posix.join(dir, child);
      if (!tree.isFile(path)) return visit(path);
      return path.endsWith('.rs') && (tree.read(path, 'utf-8') ?? '').includes('capture_coverage');
    });
  return visit(posix.join(crateDir, 'src'));
}

/** The note lines with the cfg-gated capture for firmware that runs in QEMU (semihosting) or for a host program. */
export function captureSnippet(crateName: string, runner: 'qemu' | 'host'): string[] {
  const profile = `${crateName}.profraw`;
  const capture =
    runner === 'qemu'
      ? [
          `        let mut file = minicov::semihosting::SemihostingFile::create(c"${profile}").expect("open ${profile} on the host");`,
          '        // SAFETY: no other code runs while the counters are read.',
          '        unsafe { minicov::capture_coverage(&mut file) }.expect("write the coverage profile");',
          '        file.close().expect("close the profile");',
        ]
      : [
          `        let path = std::env::args().nth(1).unwrap_or_else(|| "${profile}".into());`,
          '        let mut profile = vec![0u8; minicov::coverage_size()];',
          '        // SAFETY: no other thread runs instrumented code while the counters are read.',
          '        let size = unsafe { minicov::capture_coverage_to_buffer(&mut profile) }.expect("capture the coverage profile");',
          '        std::fs::write(&path, &profile[..size]).expect("write the coverage profile");',
        ];
  const where =
    runner === 'qemu'
      ? `to ${profile} on the host, through semihosting`
      : `to the path passed as the first argument ({profile}), else ${profile}`;
  const code = [
    `/// Writes this run's coverage profile ${where}, in minicov builds;`,
    '/// does nothing in plain and PGO-optimized builds, which carry no runtime.',
    '#[inline(never)]',
    'fn write_coverage_profile() {',
    '    #[cfg(minicov)]',
    '    {',
    ...capture,
    '    }',
    '}',
  ];
  const after =
    runner === 'qemu'
      ? [
          '  and call `write_coverage_profile();` where the program ends, in every build, before its semihosting exit, so QEMU stops and the profile is kept.',
        ]
      : [
          '  and call `write_coverage_profile();` where the program ends, in every build; minicov passes {profile} when',
          '  [package.metadata.minicov] has runs = [["{profile}"]] (a #![no_std] program writes the same bytes with its own platform calls).',
        ];
  return [
    `${crateName}: its sources do not call minicov::capture_coverage yet; add this function:`,
    ...code.map((line) => `    ${line}`),
    ...after,
    '  A call made in every build keeps its caller the same in the training and the optimized build, so PGO matches every',
    '  function but this one, whose body differs between them.',
  ];
}
