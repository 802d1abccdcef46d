// Signs every vector of bitexbit_signing/vectors.json with the docs' browser signer
// (docs/assets/javascripts/tryit.js, loaded as a node module) and prints one JSON line per
// vector: its name, each variant's signature and the canonical strings. The Python test
// compares them with the expected values, which come from the seed's own samples.
"use strict";
const fs = require("fs");
const [tryitPath, vectorsPath] = process.argv.slice(2);
const signing = require(tryitPath);
const { vectors } = JSON.parse(fs.readFileSync(vectorsPath, "utf8"));

async function main() {
  const results = [];
  for (const vector of vectors) {
    const base = {
      method: vector.method,
      path: vector.path,
      query: vector.query,
      contentType: vector.content_type,
      body: vector.body,
      apiKey: vector.api_key,
      secret: vector.secret,
      nonce: vector.nonce,
    };
    const signatures = {};
    for (const [scheme, encoder] of [["params", "python"], ["params", "javascript"], ["path-nonce-body", null]]) {
      const name = encoder ? `${scheme}/${encoder}` : scheme;
      try {
        const signed = await signing.signRequest({ ...base, scheme, encoder });
        signatures[name] = signed.headers["X-Signature"];
      } catch (error) {
        signatures[name] = `error: ${error.message}`;
      }
    }
    results.push({ name: vector.name, signatures });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack));
  process.exit(1);
});
