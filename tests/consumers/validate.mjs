// Validate JSON payloads against a JSON Schema (draft 2020-12) with ajv.
//
// Usage: node validate.mjs [--lax] < input.jsonl
// The first input line is the schema; every further line is one payload.
// Prints one verdict per payload, in order: {"valid": true} or
// {"valid": false, "errors": [...]}. Schemas compile in ajv's strict mode
// unless --lax is given; a schema that does not compile exits with status 2.

import { createInterface } from "node:readline";

import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

function compile(schema, strict) {
  const ajv = new Ajv2020({ strict, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

function verdict(validate, payload) {
  if (validate(payload)) {
    return { valid: true };
  }
  const errors = validate.errors.map(
    (error) => `${error.instancePath || "/"} ${error.message}`,
  );
  return { valid: false, errors };
}

const strict = !process.argv.includes("--lax");
const lines = createInterface({ input: process.stdin, terminal: false });
let validate;
for await (const line of lines) {
  if (line.trim() === "") {
    continue;
  }
  if (validate === undefined) {
    try {
      validate = compile(JSON.parse(line), strict);
    } catch (error) {
      process.stderr.write(`ajv cannot compile the schema: ${error.message}\n`);
      process.exit(2);
    }
    continue;
  }
  process.stdout.write(`${JSON.stringify(verdict(validate, JSON.parse(line)))}\n`);
}
