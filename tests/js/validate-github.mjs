// Parses GitHub Actions workflows with GitHub's own parser (@actions/workflow-parser), the way Actions reads them:
// `node validate-github.mjs FILE...` prints every error as FILE: message and exits 1 when there is one.
import { register } from "node:module";
import { readFileSync } from "node:fs";

register("./json-hook.mjs", import.meta.url);
const { parseWorkflow, NoOperationTraceWriter, convertWorkflowTemplate } = await import("@actions/workflow-parser");

let failed = false;
for (const file of process.argv.slice(2)) {
  const result = parseWorkflow({ name: file, content: readFileSync(file, "utf8") }, new NoOperationTraceWriter());
  const errors = [...(result.context.errors.getErrors?.() ?? [])];
  if (errors.length === 0 && result.value) {
    const template = await convertWorkflowTemplate(result.context, result.value);
    errors.push(...(template.errors ?? []).map((e) => ({ message: e.Message ?? e.message ?? String(e) })));
  }
  for (const e of errors) {
    failed = true;
    console.log(`${file}: ${e.message ?? e.Message ?? e}`);
  }
  if (errors.length === 0) {
    console.log(`${file}: ok`);
  }
}
process.exit(failed ? 1 : 0);
