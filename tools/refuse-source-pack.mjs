// `npm pack` or `npm publish` run in packages/minicov would ship TypeScript sources without their JavaScript or the
// runtime: this prepack script stops it and says what packs the plugin right (tools/pack-plugin.mjs strips it).
console.error(
  'minicov: packages/minicov holds the TypeScript sources, not the package users install.\n' +
    '  fix: run `npm run pack` at the repository root (node tools/pack-plugin.mjs [output directory]); it compiles the\n' +
    '  plugin, adds the runtime sources and packs that directory, which `npm publish <tarball>` takes as it is',
);
process.exit(1);
