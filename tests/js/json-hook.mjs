// @actions/workflow-parser is written for bundlers: it imports its JSON schemas without `with { type: "json" }`,
// which plain Node refuses. This hook serves every .json module as a JavaScript module exporting the parsed value.
import { readFile } from "node:fs/promises";

export async function load(url, context, next) {
  if (url.endsWith(".json")) {
    const text = await readFile(new URL(url), "utf8");
    return { format: "module", source: `export default ${text};`, shortCircuit: true };
  }
  return next(url, context);
}
