// Each executor's schema.json and schema.d.ts, built from the step options (executor-schemas.spec.ts keeps them equal).
import type { JsonSchema, SettingDefinition } from './setting-definition';
import { STEP_OPTIONS, type ExecutorName } from './step-options';

/** Each executor's title and description (schema.json, and executors.json's description). */
export const EXECUTORS: Readonly<Record<ExecutorName, { title: string; description: string }>> = {
  toolchain: {
    title: 'minicov toolchain check',
    description:
      'Show the resolved toolchain (tool, path, version, LLVM major, verdict) and fail on any mismatch.',
  },
  instrument: {
    title: 'minicov instrument',
    description:
      'Build the crate with coverage or profile-generate instrumentation and check the binary against the LLVM pin.',
  },
  run: {
    title: 'minicov run',
    description:
      'Run the instrumented program (host, QEMU or a command) once per configured run and collect its checked profiles.',
  },
  merge: {
    title: 'minicov merge',
    description: "Merge the runs' profiles with one llvm-profdata call.",
  },
  report: {
    title: 'minicov coverage report',
    description:
      'Write lcov, Cobertura, HTML and a JSON summary (and Codecov JSON when asked) with llvm-cov, print a summary table, and apply failUnder and failUncovered.',
  },
  optimize: {
    title: 'minicov optimize',
    description:
      'Build with -Cprofile-use and -fprofile-use from the merged profile and check that it matched.',
  },
  'workspace-report': {
    title: 'minicov workspace coverage report',
    description:
      "Merge every crate's coverage into one workspace report with a per-project breakdown.",
  },
  'open-report': {
    title: 'minicov open report',
    description:
      "Open the HTML coverage report with the desktop's browser (BROWSER when set, else xdg-open, open or start).",
  },
  clean: {
    title: 'minicov clean',
    description:
      "Remove what minicov's steps wrote for the project (builds, profiles, report), or for the whole workspace.",
  },
};

/** Every executor's name, in executors.json's order. */
export const EXECUTOR_NAMES = Object.keys(EXECUTORS) as ExecutorName[];

function optionsOf(executor: ExecutorName): [string, SettingDefinition][] {
  return Object.entries(STEP_OPTIONS[executor]);
}

/** The content of `executor`'s schema.json. */
export function executorSchemaJson(executor: ExecutorName): Record<string, unknown> {
  const options = optionsOf(executor);
  const required = options.filter(([, option]) => option.presence === 'required');
  return {
    $schema: 'https://json-schema.org/schema',
    title: EXECUTORS[executor].title,
    description: EXECUTORS[executor].description,
    type: 'object',
    properties: Object.fromEntries(
      options.map(([name, option]) => [
        name,
        {
          ...option.schema,
          ...(option.default === undefined ? {} : { default: option.default }),
          description: option.description,
        },
      ]),
    ),
    ...(required.length > 0 ? { required: required.map(([name]) => name) } : {}),
    additionalProperties: true,
  };
}

/** The name of `executor`'s options interface in its schema.d.ts, e.g. `WorkspaceReportExecutorOptions`. */
export function optionsInterfaceName(executor: ExecutorName): string {
  const pascal = executor.replace(/(^|-)(\w)/g, (_, _dash: string, letter: string) =>
    letter.toUpperCase(),
  );
  return `${pascal}ExecutorOptions`;
}

/** The content of `executor`'s schema.d.ts (before formatting): its options interface, a property per option. */
export function executorSchemaDts(executor: ExecutorName): string {
  const members = optionsOf(executor).map(([name, option]) => {
    const optional = option.presence === 'optional' ? '?' : '';
    return `${docComment(option.description, '  ')}\n  ${name}${optional}: ${typeText(option.schema)};`;
  });
  return [
    '// Generated from packages/minicov/src/model/step-options.ts: do not edit. Regenerate with',
    '// npx vitest run packages/minicov/src/model/executor-schemas.spec.ts --update=all',
    '',
    docComment(`Options of \`minicov:${executor}\`. ${EXECUTORS[executor].description}`, ''),
    `export interface ${optionsInterfaceName(executor)} {`,
    ...members,
    '}',
    '',
  ].join('\n');
}

/** `text` as a doc comment at `indent`, on one line when it fits in 100 columns, else wrapped at 100. */
function docComment(text: string, indent: string): string {
  const single = `${indent}/** ${text} */`;
  if (single.length <= 100) return single;
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && `${indent} * ${lines[last]} ${word}`.length <= 100)
      lines[last] = `${lines[last]} ${word}`;
    else lines.push(word);
  }
  return [`${indent}/**`, ...lines.map((line) => `${indent} * ${line}`), `${indent} */`].join('\n');
}

/** The TypeScript type of a value of `schema`. */
function typeText(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((value) => `'${value}'`).join(' | ');
  if (schema.type === 'array') {
    const item = typeText(schema.items ?? { type: 'string' });
    return item.includes(' ') && !item.startsWith('{') ? `(${item})[]` : `${item}[]`;
  }
  if (schema.type === 'object' && schema.properties) {
    const required = new Set(schema.required ?? []);
    const fields = Object.entries(schema.properties).map(
      ([name, property]) => `${name}${required.has(name) ? '' : '?'}: ${typeText(property)}`,
    );
    return `{ ${fields.join('; ')} }`;
  }
  if (schema.type === 'object') {
    const value =
      typeof schema.additionalProperties === 'object'
        ? typeText(schema.additionalProperties)
        : 'unknown';
    return `Record<string, ${value}>`;
  }
  return schema.type;
}
