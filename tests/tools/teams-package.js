// Checks an unpacked Teams app package offline: manifest.json and every localization file against
// the JSON schemas shipped in @microsoft/app-manifest (ajv, draft-04) (for the manifest's own manifestVersion), and
// the icons with an independent PNG decoder (pngjs): colour 192x192 opaque, outline 32x32 with
// only white or transparent pixels. Prints one JSON object; exit code 1 when anything is wrong.
//   node tests/tools/teams-package.js <directory>
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');
const { PNG } = require('pngjs');

const dir = process.argv[2];
const schemaRoot = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

function readSchema(version, name) {
  const file = path.join(schemaRoot, `v${version}`, name);
  if (!fs.existsSync(file)) throw new Error(`no schema ${name} for manifest version ${version}`);
  // Same clean-up the package applies to downloaded schemas (an invalid "\a" in one regex).
  return JSON.parse(fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\x07'));
}

// Validator options as in @microsoft/app-manifest's own validateManifestAgainstSchema, except that
// patterns are compiled without the "u" flag: the localization schema has patterns such as
// "\\b]" that are valid JavaScript regular expressions only without it.
function validate(content, schema) {
  const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const check = ajv.compile(schema);
  return check(content) ? [] : check.errors.map(e => `${e.instancePath} ${e.message || ''} ${JSON.stringify(e.params || {})}`);
}

function checkPng(file, size, problems, rule) {
  const png = PNG.sync.read(fs.readFileSync(file));
  const result = { file: path.basename(file), width: png.width, height: png.height };
  if (png.width !== size || png.height !== size) problems.push(`${result.file} is ${png.width}x${png.height}, must be ${size}x${size}`);
  let offending = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (!rule(png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3])) offending++;
  }
  result.offendingPixels = offending;
  return result;
}

(async () => {
  const problems = [];
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const version = manifest.manifestVersion;
  for (const e of validate(manifest, readSchema(version, 'MicrosoftTeams.schema.json'))) problems.push(`manifest.json${e}`);

  const localizations = [];
  for (const lang of (manifest.localizationInfo && manifest.localizationInfo.additionalLanguages) || []) {
    const file = path.join(dir, lang.file);
    if (!fs.existsSync(file)) { problems.push(`missing localization file ${lang.file}`); continue; }
    const content = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const e of validate(content, readSchema(version, 'MicrosoftTeams.Localization.schema.json'))) problems.push(`${lang.file}${e}`);
    localizations.push({ languageTag: lang.languageTag, file: lang.file, content });
  }

  const icons = [];
  const color = checkPng(path.join(dir, manifest.icons.color), 192, problems, (r, g, b, a) => a === 255);
  if (color.offendingPixels) problems.push(`${color.file}: ${color.offendingPixels} pixels are not fully opaque`);
  icons.push(color);
  const outline = checkPng(path.join(dir, manifest.icons.outline), 32, problems, (r, g, b, a) => a === 0 || (r === 255 && g === 255 && b === 255));
  if (outline.offendingPixels) problems.push(`${outline.file}: ${outline.offendingPixels} pixels are neither white nor transparent`);
  icons.push(outline);

  console.log(JSON.stringify({ manifestVersion: version, problems, localizations, icons }));
  process.exit(problems.length ? 1 : 0);
})().catch(e => { console.log(JSON.stringify({ problems: [String(e && e.stack || e)] })); process.exit(1); });
