// Receive and verify status callbacks with Node's http server (the emulator sends them).
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { API_SECRET, BASE_URL, CONTROL_URL, checked, getAuthHeaders } from "./auth_headers.mjs";

// The signature is an HMAC of the raw body bytes: verify before parsing anything.
function isAuthentic(rawBody, signatureHeader) {
  const expected = createHmac("sha256", API_SECRET).update(rawBody).digest();
  const given = Buffer.from(String(signatureHeader ?? ""), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const seenIds = new Set(); // deliveries are retried: act on each event id once
const events = [];
const server = createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const rawBody = Buffer.concat(chunks);
    if (!isAuthentic(rawBody, request.headers["x-callback-signature"])) {
      response.writeHead(400).end();
      return;
    }
    response.writeHead(200).end(); // acknowledge quickly
    const event = JSON.parse(rawBody.toString("utf8"));
    if (!seenIds.has(event.id)) {
      seenIds.add(event.id);
      events.push(event);
    }
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const callbackUrl = `http://127.0.0.1:${server.address().port}/bitexbit/callbacks`;

const body = { ticker: "USDT", network: "tron", callback_url: callbackUrl };
const wallet = await checked(
  await fetch(`${BASE_URL}/wallet/create`, {
    method: "POST",
    headers: getAuthHeaders(body),
    body: new URLSearchParams(body),
  }),
);

// Emulator only: a deposit arrives; then deliver due callbacks now.
const post = (path, json) =>
  fetch(`${CONTROL_URL}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(json ?? {}),
  }).then(checked);
await post("/deposits", { address: wallet.address, amount: "40" });
await post("/tick");

for (let waited = 0; events.length === 0 && waited < 10000; waited += 100) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
for (const event of events) {
  console.log(event.event, event.data.status, event.data.amount);
}
server.close();
if (events.length === 0) throw new Error("no callback received");
