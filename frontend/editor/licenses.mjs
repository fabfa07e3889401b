// Writes the licences of the npm packages esbuild put into the editor's bundle, read from its
// metafile: `node licenses.mjs meta.json out.txt` (run by `make assets`).
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const [metafile, output] = process.argv.slice(2);
const inputs = Object.keys(JSON.parse(readFileSync(metafile, "utf8")).inputs);
const packages = new Set();
for (const input of inputs) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.add(match[1]);
}
const sections = [...packages].sort().map((directory) => {
  const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8"));
  const file = readdirSync(directory).find((name) => /^(licen[cs]e|copying)/i.test(name));
  const text = file ? readFileSync(join(directory, file), "utf8").trim() : `License: ${manifest.license}`;
  return `${manifest.name} ${manifest.version}\n\n${text}\n`;
});
if (!existsSync(dirname(output))) throw new Error(`no directory for ${output}`);
writeFileSync(output, `Third-party code in editor.js\n\n${sections.join("\n---\n\n")}`);
