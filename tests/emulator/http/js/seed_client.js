// Drives a live emulator exactly as the seed's JavaScript sample signs requests.
//
// `serializePayload` and `getAuthHeaders` are copied verbatim from the seed docs ("Authorization"
// section). Substitutions only: crypto-js's `hmacSha256(message, key)` is node's built-in crypto
// (both hash the UTF-8 message keyed with the UTF-8 secret), the `request` package is node's
// built-in `fetch`, and the key, secret and base URL come from the command line.
// The form body is encoded like `request`'s `form:` option (qs: encodeURIComponent per pair).
//
// usage: node seed_client.js <base_url> <api_key> <secret>   -> JSON [{step, status, body}]
'use strict';
const crypto = require('crypto');

const hmacSha256 = (message, key) => ({
  toString: () => crypto.createHmac('sha256', key).update(message, 'utf8').digest('hex'),
});

const BASE_URL = process.argv[2];
const API_KEY = process.argv[3];
const SECRET = process.argv[4];

// ---- verbatim from the seed ----
//Serialize for singing only. Can be used in request body if u like urlencoded form format instead of json
function serializePayload(payload) {
  return Object
    .keys(payload) // get keys of payload object
    .sort() // sort keys
    .map((key) => key + "=" + encodeURIComponent(payload[key])) // each value should be url encoded. the most sensitive part for sign checking
    .join('&'); // to sting, separate with ampersand
}

// Generates auth headers
function getAuthHeaders(payload = {}) {
  // get SHA256 of <API_KEY><sorted urlencoded payload string><SECRET>
  const sign = hmacSha256(API_KEY + serializePayload(payload), SECRET).toString();

  return {
    'X-API-Key': API_KEY,
    'X-Signature': sign,
    'X-Nonce': Date.now()
  };
}
// ---- end of the seed's code ----

function formBody(body) {
  return Object.keys(body)
    .map((key) => encodeURIComponent(key) + '=' + encodeURIComponent(body[key]))
    .join('&');
}

// The seed's nonce is the millisecond clock: two calls in one millisecond would share it.
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 2));

async function get(url) {
  await nextMillisecond();
  const response = await fetch(url, { headers: getAuthHeaders() });
  return { status: response.status, body: await response.json() };
}

async function postForm(url, body) {
  await nextMillisecond();
  const headers = {
    ...getAuthHeaders(body),
    'Content-Type': 'application/x-www-form-urlencoded',
  };
  const response = await fetch(url, { method: 'POST', headers, body: formBody(body) });
  return { status: response.status, body: await response.json() };
}

async function main() {
  const results = [];
  results.push({ step: 'methods', ...(await get(BASE_URL + '/payment-methods')) });

  const walletBody = {
    "ticker": "ETH",
    "network": "ethereum",
    "convert_ticker": "USDT",
    "convert_limit": 10000,
    "convert_percent": 2
  };
  results.push({ step: 'wallet', ...(await postForm(BASE_URL + '/wallet/create', walletBody)) });

  const withdrawBody = {
    "ticker": "USDT",
    "network": "tron",
    "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
    "payment_id": "",
    "memo": "",
    "comment": "Call after success",
    "destination_tag": "",
    "amount": 22,
    "client_order_id": "order_123",
    "fee_payer": 1,
    "auto_buy_ticker": "ETH",
    "auto_buy_percent": 10
  };
  results.push({ step: 'withdraw', ...(await postForm(BASE_URL + '/withdraw/create', withdrawBody)) });
  results.push({ step: 'history', ...(await get(BASE_URL + '/withdraw/history')) });
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
