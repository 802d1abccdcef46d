// Drives a live emulator exactly as the seed's JavaScript sample signs requests.
//
// `getAuthHeaders` is the seed's own code (tests/seed_samples/seed_sample.js, verbatim but for
// node's crypto). Substitutions here: the `request` package is node's built-in `fetch`, and the
// key, secret and base URL come from the command line.
// The form body is encoded like `request`'s `form:` option (qs: encodeURIComponent per pair).
//
// usage: node seed_client.js <base_url> <api_key> <secret>   -> JSON [{step, status, body}]
'use strict';
const { useKey, getAuthHeaders } = require('../../../seed_samples/seed_sample.js');

const BASE_URL = process.argv[2];
useKey(process.argv[3], process.argv[4]);

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
