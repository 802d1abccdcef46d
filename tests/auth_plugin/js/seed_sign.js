// An independent reading of the seed's JavaScript signing sample, for the signing test vectors.
//
// `serializePayload` and `getAuthHeaders` are the seed's own code (tests/seed_samples/
// seed_sample.js, verbatim but for node's crypto). This script also computes the prose scheme,
// path + nonce + body, with node.
//
// stdin: {"cases": [{"api_key", "secret", "payload": {...}, "path", "nonce", "body"}]}
// stdout: [{"serialized", "params_javascript", "path_nonce_body"}]
'use strict';
const crypto = require('crypto');
const { useKey, serializePayload, getAuthHeaders } = require('../../seed_samples/seed_sample.js');

function pathNonceBody(testCase) {
  const message = testCase.path + String(testCase.nonce) + testCase.body;
  return crypto.createHmac('sha256', testCase.secret).update(message, 'utf8').digest('hex');
}

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const results = request.cases.map((testCase) => {
    useKey(testCase.api_key, testCase.secret);
    return {
      serialized: serializePayload(testCase.payload),
      params_javascript: getAuthHeaders(testCase.payload)['X-Signature'],
      path_nonce_body: pathNonceBody(testCase),
    };
  });
  process.stdout.write(JSON.stringify(results));
});
